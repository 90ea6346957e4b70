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
    public override IReadOnlyList<Variables.VariableDeclaration> VariableDeclarations => MysqlVariables.All;

    /// <inheritdoc />
    public override void Build(RoleContext context, RoleBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(builder);
        var variables = context.Variables;
        var service = variables.GetString(MysqlVariables.Service.Name);
        var charset = variables.GetString(MysqlVariables.Charset.Name);
        var collation = variables.GetString(MysqlVariables.Collation.Name);

        var topology = MysqlTopology.Of(context.Host, variables, context.Inventory);
        var replication = new Dictionary<string, object?>
        {
            ["role"] = topology.Kind.ToString().ToLowerInvariant(),
            ["server_id"] = topology.ServerId,
        };
        var restart = context.Facts.HasSystemd ? (ShellScript)$"systemctl restart {service}" : (ShellScript)$"service {service} restart";
        builder
            .Add(new AptPackages(variables.GetStringList(MysqlVariables.Packages.Name), TimeSpan.FromSeconds(variables.GetInt(SharedVariables.AptCacheMaxAge.Name))))
            .Add(new FileResource(variables.GetString(MysqlVariables.ConfigPath.Name), context.Render(this, "60-provision.cnf.scriban", new Dictionary<string, object?> { ["replication"] = replication })) { Notify = [RestartHandler] })
            .Add(new ServiceResource(service) { StartSatisfies = [RestartHandler] });

        if (topology.Kind == MysqlTopology.Role.Replica)
        {
            // Databases, accounts and the schema arrive from the primary; a write of the role's own would break replication.
            AddReplication(context, builder, topology, restart);
        }
        else
        {
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

            if (topology.Kind == MysqlTopology.Role.Primary)
            {
                AddReplication(context, builder, topology, restart);
            }

            AddSchema(context, builder);
        }

        builder.Handler(new Handler(RestartHandler, restart)
        {
            // Parses every option file and fails on a bad value (not on an unknown option name): a broken file is put back.
            ValidateScript = $"d=$(command -v mariadbd || command -v mysqld) && \"$d\" --help --verbose >/dev/null",
        });
    }

    private static List<string> Databases(Variables.VariableSet variables)
    {
        var names = new List<string> { variables.GetString(SharedVariables.DbName.Name) };
        names.AddRange(variables.GetStringList(MysqlVariables.Databases.Name));
        return names.Distinct(StringComparer.Ordinal).ToList();
    }

    // The schema goes in once: a marker named after the SQL's hash records it, so a changed file is applied again.
    private static void AddSchema(RoleContext context, RoleBuilder builder)
    {
        var variables = context.Variables;
        var file = variables.GetStringOrNull(MysqlVariables.SchemaFile.Name);
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
        var database = variables.GetString(SharedVariables.DbName.Name);
        var stateDirectory = variables.GetString(MysqlVariables.StateDir.Name);
        var marker = $"{stateDirectory}/{database}-{hash}.applied";
        ShellScript script = $"mysql -N -B --database={database} && mkdir -p {stateDirectory} && touch {marker}";
        builder.Add(new CommandResource($"apply {Path.GetFileName(path)} ({hash}) to {database}", script)
        {
            Creates = marker,
            StandardInput = sql,
            Timeout = TimeSpan.FromMinutes(10),
        });
    }
}
