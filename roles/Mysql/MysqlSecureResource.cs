using FooBar.Provision.Resources;
using FooBar.Provision.Transport;

namespace FooBar.Provision.Roles.Mysql;

/// <summary>What <c>mysql_secure_installation</c> does, as one idempotent resource.</summary>
/// <remarks>
/// Checks four things and fixes only those that are off: no anonymous accounts; no <c>root</c> account for other hosts
/// than <c>localhost</c>, <c>127.0.0.1</c> and <c>::1</c>; no <c>test</c> database (nor its wildcard grants); and
/// <c>root@localhost</c> reachable only through the unix socket (the Debian default:
/// <c>mysql_native_password USING 'invalid' OR unix_socket</c>), so no root password exists to leak or guess.
/// </remarks>
public sealed class MysqlSecureResource : Resource, IMysqlProbe
{
    private const string RootHosts = "('localhost', '127.0.0.1', '::1')";
    private const string DropAccounts = "SELECT CONCAT('DROP USER ', QUOTE(User), '@', QUOTE(Host), ';') FROM mysql.user WHERE User = '' OR (User = 'root' AND Host NOT IN " + RootHosts + ")";

    private static readonly (string Key, string Sql, string Words)[] Checks =
    [
        ("anonymous", "SELECT COUNT(*) FROM mysql.user WHERE User = ''", "remove anonymous users"),
        ("remote_root", $"SELECT COUNT(*) FROM mysql.user WHERE User = 'root' AND Host NOT IN {RootHosts}", "remove remote root"),
        ("test_database", "SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = 'test'", "drop database test"),
        ("test_grants", "SELECT COUNT(*) FROM mysql.db WHERE Db IN ('test', 'test\\\\_%')", "remove grants on test_*"),
        ("root_password", "SELECT COUNT(*) FROM mysql.user WHERE User = 'root' AND Host = 'localhost' AND NOT (plugin = 'unix_socket' OR (plugin = 'mysql_native_password' AND authentication_string = 'invalid'))", "allow root only through the unix socket"),
    ];

    /// <summary>Creates the resource.</summary>
    /// <param name="keepTestDatabase">True when a role manages a database called <c>test</c>, which must then not be dropped.</param>
    public MysqlSecureResource(bool keepTestDatabase = false) => KeepTestDatabase = keepTestDatabase;

    /// <summary>True when the <c>test</c> database is kept (a role manages it).</summary>
    public bool KeepTestDatabase { get; }

    /// <inheritdoc />
    public override string Kind => "mysql-secure";

    /// <inheritdoc />
    public override string Name => "installation";

    /// <inheritdoc />
    public override ShellScript ProbeScript => MysqlShell.Query(((IMysqlProbe)this).ProbeSql);

    /// <inheritdoc />
    public override SharedProbe? SharedProbe => MysqlSessionProbe.Instance;

    /// <inheritdoc />
    public override ShellScript ProbeFromShared => MysqlShell.FromShared(MysqlShell.Absent);

    string IMysqlProbe.ProbeSql => string.Join("; ", Checks.Select(c => $"SELECT CONCAT('{c.Key} ', ({c.Sql}))"));

    string IMysqlProbe.IfEmpty => MysqlShell.Absent;

    (string Exists, string Account)? IMysqlProbe.Grants => null;

    /// <inheritdoc />
    public override ResourceChange? Compare(ProbeResult current, PlanContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var lines = MysqlShell.Lines(current);
        if (lines.FirstOrDefault() == MysqlShell.Absent && context.PendingPackages.Contains("mariadb-server"))
        {
            // Debian's mariadb-server initialises the data directory with root on the unix socket only, no anonymous
            // accounts and no test database: a server this plan installs is secure from the start.
            return null;
        }

        var counts = lines.Select(l => l.Split(' ')).Where(p => p.Length == 2).DistinctBy(p => p[0]).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        var known = Checks.All(c => counts.ContainsKey(c.Key));
        var todo = Checks
            .Where(c => !(KeepTestDatabase && c.Key.StartsWith("test_", StringComparison.Ordinal)))
            .Where(c => !known || counts[c.Key] != "0")
            .Select(c => c.Key)
            .ToArray();
        if (todo.Length == 0)
        {
            return null;
        }

        var sql = new List<string>();
        Add("test_database", "DROP DATABASE IF EXISTS test;");
        Add("test_grants", "DELETE FROM mysql.db WHERE Db IN ('test', 'test\\\\_%');");
        Add("root_password", "ALTER USER 'root'@'localhost' IDENTIFIED VIA mysql_native_password USING 'invalid' OR unix_socket;");
        sql.Add("FLUSH PRIVILEGES;");

        // Accounts are dropped with DROP USER statements that the server writes itself, one per account found.
        var drop = todo.Contains("anonymous") || todo.Contains("remote_root") ? $"mysql -N -B -e {DropAccounts} | mysql -N -B && " : ShellScript.Empty;
        var summary = string.Join(", ", Checks.Where(c => todo.Contains(c.Key)).Select(c => c.Words)) + (known ? "" : " (if needed: MariaDB is not running yet)");
        return new ResourceChange(ChangeAction.Update, summary, RemoteActions.Run($"{drop}mysql -N -B", string.Join('\n', sql) + "\n"));

        void Add(string key, string statement)
        {
            if (todo.Contains(key))
            {
                sql.Add(statement);
            }
        }
    }
}
