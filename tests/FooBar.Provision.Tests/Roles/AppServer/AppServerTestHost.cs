using System.Text;
using FooBar.Provision.Facts;
using FooBar.Provision.Inventory;
using FooBar.Provision.Resources;
using FooBar.Provision.Roles;
using FooBar.Provision.Roles.AppServer;
using FooBar.Provision.Variables;

namespace FooBar.Provision.Tests.Roles.AppServer;

/// <summary>Builds the app-server role for one host, the way the engine does: role defaults under the host's variables.</summary>
internal static class AppServerTestHost
{
    public static RoleBuilder Build(IReadOnlyDictionary<string, object?>? variables = null, HostFacts? facts = null, IReadOnlyList<string>? roles = null)
    {
        var role = new AppServerRole();
        var host = new HostEntry("web", "192.0.2.10") { Roles = roles ?? ["app-server"] };
        var merged = RoleVariables.For(role, host, variables);
        var directory = Path.Combine(Path.GetTempPath(), "foobar-role-tests-" + Guid.NewGuid().ToString("N"));
        var builder = new RoleBuilder();
        role.Build(new RoleContext(host, facts ?? HostFacts.Debian12, merged, directory), builder);
        return builder;
    }

    public static HostFacts WithoutSystemd { get; } = HostFacts.Debian12 with { InitSystem = "sysvinit" };

    public static FileResource File(this RoleBuilder builder, string path) =>
        builder.Resources.Select(r => r is PoolFileResource pool ? pool.File : r).OfType<FileResource>().Single(f => f.Path == path);

    public static string Text(this FileResource file) => Encoding.UTF8.GetString([.. file.Content]);

    public static IReadOnlyList<string> Ids(this RoleBuilder builder) => builder.Resources.Select(r => r.Id).ToArray();
}
