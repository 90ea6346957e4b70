using FooBar.Provision.Resources;
using FooBar.Provision.Roles;
using FooBar.Provision.Transport;

namespace MyInfra.Snippets;

internal static class Quoting
{
    public static void Examples(RoleBuilder builder, string path, string database, string file, string marker, string home, string user)
    {
        #region quoting
        ShellScript probe = $"if [ -d {path} ]; then stat -c '%a %U %G' {path}; else echo absent; fi";
        builder.Add(new CommandResource("seed", $"mysql --database={database} < {file}") { Creates = marker });
        var useradd = RemoteActions.Run($"useradd --system --home-dir {home} {user}");
        #endregion
        _ = (probe, useradd);
    }
}
