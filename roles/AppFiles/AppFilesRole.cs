using System.Text.RegularExpressions;
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
    public override IReadOnlyList<string> RequiredVariables => ["db_password"];

    /// <inheritdoc />
    public override void Build(RoleContext context, RoleBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(builder);
        var variables = context.Variables;
        var appName = Check(variables, "app_name", SystemName(), "lower-case letters, digits, _ and -, starting with a letter or _");
        var user = Check(variables, "app_user", SystemName(), "lower-case letters, digits, _ and -, starting with a letter or _");
        CheckConfigValues(variables);
        var keep = variables.GetInt("releases_keep");
        if (keep < 1)
        {
            throw new ProvisionException($"variable 'releases_keep' must be at least 1, not {keep}", "set releases_keep to how many releases to keep on the host (default 5)");
        }

        var snapshot = ReleaseSnapshot.FromDirectory(SourceFolder(context), variables.GetStringList("app_exclude"));
        var hasAppServer = context.Host.Roles.Contains(AppServerRole);
        var root = "/srv/" + appName;

        builder
            .Add(new GroupResource(user))
            .Add(new UserResource(user, user, root))
            .Add(new DirectoryResource(root, "0755"))
            .Add(new DirectoryResource(root + "/releases", "0755"))
            .Add(new DirectoryResource(root + "/shared", "0750", user, user))
            .Add(new FileResource(root + "/shared/config.ini", context.Render(this, "config.ini.hbs", ConfigModel(variables)), "0640", user, user)
            {
                Notify = hasAppServer ? ["restart app-server"] : [],

                // It carries db_password, which the mysql role (earlier on the host) may already have rotated for good:
                // a failed check never puts the old password back here (docs/consistency.md).
                Revertible = false,
            })
            .Add(new ReleaseResource(root, snapshot, user, user))
            .Add(new SymlinkResource(root + "/current", "releases/" + snapshot.Id)
            {
                Notify = hasAppServer ? ["reload app-server"] : [],
            })
            .Add(new PruneReleasesResource(root, snapshot.Id, (int)Math.Min(keep, 10_000)));
    }

    private static string SourceFolder(RoleContext context)
    {
        var source = context.Variables.GetStringOrNull("app_source");
        if (string.IsNullOrWhiteSpace(source))
        {
            var kind = context.Variables.GetString("app_server_kind");
            source = kind switch
            {
                "gunicorn" => "../app/python",
                "php-fpm" => "../app/php",
                _ => throw new ProvisionException($"app_server_kind must be gunicorn or php-fpm, not '{kind}'", "fix app_server_kind, or set app_source to the folder of your code"),
            };
        }

        return context.ResolveLocalPath(source);
    }

    // The password goes into config.ini percent-encoded: what both INI parsers of the app (configparser, and
    // parse_ini_file in raw mode) read back unchanged, whatever the password holds; the app decodes it (app/README.md).
    private static Dictionary<string, object?> ConfigModel(VariableSet variables) => new()
    {
        ["db_password_encoded"] = ConfigIni.Encode(variables.GetString("db_password")),
    };

    // The app reads config.ini with Python's configparser and PHP's parse_ini_file: only values both read the same.
    private static void CheckConfigValues(VariableSet variables)
    {
        Check(variables, "db_host", IniValue(), "letters, digits, - _ . : and / (a unix socket path)");
        Check(variables, "db_name", IniValue(), "letters, digits, - _ .");
        Check(variables, "db_user", IniValue(), "letters, digits, - _ .");
        if (variables.GetInt("db_port") is < 1 or > 65535)
        {
            throw new ProvisionException("variable 'db_port' must be between 1 and 65535", "fix db_port in the inventory");
        }

        if (variables.GetString("db_password").Any(char.IsControl))
        {
            // Never echo the value: it is a secret.
            throw new ProvisionException("db_password holds a control character (a line break, a tab…)", "use printable characters only: any letter, digit, space or punctuation, in any script");
        }
    }

    private static string Check(VariableSet variables, string name, Regex pattern, string allowed)
    {
        var value = variables.GetString(name);
        return pattern.IsMatch(value) ? value : throw new ProvisionException($"variable '{name}' is '{value}', which is not allowed", $"use {allowed}");
    }

    [GeneratedRegex("^[a-z_][a-z0-9_-]{0,31}$")]
    private static partial Regex SystemName();

    [GeneratedRegex("^[A-Za-z0-9._:/-]+$")]
    private static partial Regex IniValue();

}
