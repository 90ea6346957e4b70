using System.Security.Cryptography;
using FooBar.Provision.Planning;
using FooBar.Provision.Resources;
using FooBar.Provision.Transport;

namespace FooBar.Provision.Roles.Mysql;

/// <summary>MariaDB from Debian: packages, configuration, service, a secured installation, databases, accounts and a schema.</summary>
/// <remarks>
/// Idempotent: a second apply changes nothing. Passwords reach the host only on the standard input of <c>mysql</c>;
/// probes print digests of the stored hashes, never the hashes. See <c>roles/Mysql/README.md</c> for the variables.
/// </remarks>
public sealed partial class MysqlRole : RoleBase
{
    /// <summary>The handler that restarts MariaDB (named in docs/roles-contract.md).</summary>
    public const string RestartHandler = "restart mariadb";

    /// <inheritdoc />
    public override string Name => "mysql";

    /// <inheritdoc />
    public override string Folder => "Mysql";

    /// <inheritdoc />
    public override IReadOnlyList<string> RequiredVariables => ["db_password"];

    /// <inheritdoc />
    public override void Build(RoleContext context, RoleBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(builder);
        var variables = context.Variables;
        var service = variables.GetString("mysql_service");
        var charset = variables.GetString("mysql_charset");
        var collation = variables.GetString("mysql_collation");
        CheckNumbers(variables);

        builder
            .Add(new AptPackages(variables.GetStringList("mysql_packages"), TimeSpan.FromSeconds(variables.GetInt("apt_cache_max_age"))))
            .Add(new FileResource(variables.GetString("mysql_config_path"), context.Render(this, "60-provision.cnf.hbs")) { Notify = [RestartHandler] })
            .Add(new ServiceResource(service) { StartSatisfies = [RestartHandler] });

        var databases = Databases(variables);
        builder.Add(new MysqlSecureResource(keepTestDatabase: databases.Contains("test")));
        foreach (var database in databases)
        {
            builder.Add(new MysqlDatabaseResource(database, charset, collation));
        }

        foreach (var user in Users(variables))
        {
            builder.Add(user);
        }

        AddSchema(context, builder);
        var quoted = ShellQuote.Quote(service);
        builder.Handler(new Handler(RestartHandler, context.Facts.HasSystemd ? $"systemctl restart {quoted}" : $"service {quoted} restart")
        {
            // Parses every option file and fails on a bad value (not on an unknown option name): a broken file is put back.
            ValidateScript = "d=$(command -v mariadbd || command -v mysqld) && \"$d\" --help --verbose >/dev/null",
        });
    }

    private static List<string> Databases(Variables.VariableSet variables)
    {
        var names = new List<string> { MysqlSql.CheckDatabase(variables.GetString("db_name"), "db_name") };
        names.AddRange(variables.GetStringList("mysql_databases").Select(d => MysqlSql.CheckDatabase(d, "mysql_databases")));
        return names.Distinct(StringComparer.Ordinal).ToList();
    }

    private static void CheckNumbers(Variables.VariableSet variables)
    {
        Check("db_port", 65_535);
        Check("mysql_max_connections", 100_000);

        void Check(string name, long max)
        {
            if (variables.GetInt(name) < 1 || variables.GetInt(name) > max)
            {
                throw new ProvisionException($"variable '{name}' must be between 1 and {max}", $"fix the value of '{name}' in the inventory");
            }
        }
    }

    // The schema goes in once: a marker named after the SQL's hash records it, so a changed file is applied again.
    private static void AddSchema(RoleContext context, RoleBuilder builder)
    {
        var variables = context.Variables;
        var file = variables.GetStringOrNull("mysql_schema_file");
        if (string.IsNullOrWhiteSpace(file))
        {
            return;
        }

        var path = context.ResolveLocalPath(file);
        if (!File.Exists(path))
        {
            throw new ProvisionException($"mysql_schema_file: {path} does not exist", "set mysql_schema_file to the SQL file to apply once into db_name, or to \"\" for none");
        }

        var sql = File.ReadAllText(path);
        var hash = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path))).ToLowerInvariant()[..12];
        var database = variables.GetString("db_name");
        var stateDirectory = variables.GetString("mysql_state_dir");
        var marker = $"{stateDirectory}/{database}-{hash}.applied";
        var script = $"mysql -N -B {ShellQuote.Quote("--database=" + database)} && mkdir -p {ShellQuote.Quote(stateDirectory)} && touch {ShellQuote.Quote(marker)}";
        builder.Add(new CommandResource($"apply {Path.GetFileName(path)} ({hash}) to {database}", script)
        {
            Creates = marker,
            StandardInput = sql,
            Timeout = TimeSpan.FromMinutes(10),
        });
    }
}
