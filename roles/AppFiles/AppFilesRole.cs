using FooBar.Provision.Resources;
using FooBar.Provision.Variables;

namespace FooBar.Provision.Roles.AppFiles;

/// <summary>The application's code, deployed as releases under <c>/srv/&lt;app_name&gt;</c>, with its database settings.</summary>
/// <remarks>
/// Idempotent: the release id is a hash of the code, so unchanged code uploads nothing and a converged host costs
/// only probes. <c>shared/config.ini</c> holds <c>db_password</c> (mode 0640, owned by the app user); the engine masks
/// it in diffs. See <c>roles/AppFiles/README.md</c> for the variables.
/// </remarks>
public sealed partial class AppFilesRole : RoleBase
{
    /// <summary>The role whose handlers this one notifies when it is on the same host.</summary>
    public const string AppServerRole = "app-server";

    /// <inheritdoc />
    public override string Name => "app-files";

    /// <inheritdoc />
    public override string Folder => "AppFiles";

    /// <inheritdoc />
    public override IReadOnlyList<VariableDeclaration> VariableDeclarations => AppFilesVariables.All;

    /// <inheritdoc />
    /// <remarks>app_source, when set, must be a folder on this machine.</remarks>
    public override IEnumerable<VariableProblem> CheckVariables(VariableSet variables, string? inventoryDirectory) =>
        MissingLocalPath(variables, AppFilesVariables.Source, inventoryDirectory, folder: true) is { } missing ? [missing] : [];

    /// <inheritdoc />
    public override void Build(RoleContext context, RoleBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(builder);
        var variables = context.Variables;
        var appName = variables.GetString(SharedVariables.AppName.Name);
        var user = variables.GetString(SharedVariables.AppUser.Name);
        var keep = variables.GetInt(AppFilesVariables.ReleasesKeep.Name);
        var snapshot = ReleaseSnapshot.FromDirectory(SourceFolder(context), variables.GetStringList(AppFilesVariables.Exclude.Name));
        var hasAppServer = context.Host.Roles.Contains(AppServerRole);
        var root = "/srv/" + appName;

        builder
            .Add(new GroupResource(user))
            .Add(new UserResource(user, user, root))
            .Add(new DirectoryResource(root, "0755"))
            .Add(new DirectoryResource(root + "/releases", "0755"))
            .Add(new DirectoryResource(root + "/shared", "0750", user, user))
            .Add(new FileResource(root + "/shared/config.ini", context.Render(this, "config.ini.scriban", ConfigModel(variables)), "0640", user, user)
            {
                Notify = hasAppServer ? ["restart app-server"] : [],

                // It carries db_password, which the mysql role (earlier on the host) may already have rotated for good:
                // a failed check never puts the old password back here (docs/consistency.md).
                Revertible = false,
            })
            .Add(new ReleaseResource(root, snapshot, user, user))
            .Add(new SymlinkResource(root + "/current", "releases/" + snapshot.Id)
            {
                Release = true,
                Notify = hasAppServer ? ["reload app-server"] : [],
            })
            .Add(new PruneReleasesResource(root, snapshot.Id, (int)keep));
    }

    private static string SourceFolder(RoleContext context)
    {
        var source = context.Variables.GetStringOrNull(AppFilesVariables.Source.Name);
        if (string.IsNullOrEmpty(source))
        {
            source = context.Variables.GetString(SharedVariables.AppServerKind.Name) == "php-fpm" ? "../app/php" : "../app/python";
        }

        return context.ResolveLocalPath(source);
    }

    // The password goes into config.ini percent-encoded: what both INI parsers of the app (configparser, and
    // parse_ini_file in raw mode) read back unchanged, whatever the password holds; the app decodes it (app/README.md).
    private static Dictionary<string, object?> ConfigModel(VariableSet variables) => new()
    {
        ["db_password_encoded"] = ConfigIni.Encode(variables.GetString(SharedVariables.DbPassword.Name)),
    };
}
