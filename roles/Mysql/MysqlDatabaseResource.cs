using FooBar.Provision.Resources;
using FooBar.Provision.Transport;

namespace FooBar.Provision.Roles.Mysql;

/// <summary>A MariaDB database that must exist, created with a character set and collation.</summary>
/// <remarks>
/// Idempotent: the probe asks <c>information_schema</c> whether the database exists; an existing database is left
/// alone (its character set is not changed, and it is never dropped). On a host where MariaDB is not installed or
/// not running yet, the plan shows the creation; the engine probes again once the package and service are up.
/// </remarks>
public sealed class MysqlDatabaseResource : Resource, IMysqlProbe
{
    /// <summary>Creates the resource.</summary>
    /// <param name="database">The database name (letters, digits, <c>_ $ -</c>).</param>
    /// <param name="charset">The character set of a new database.</param>
    /// <param name="collation">The collation of a new database.</param>
    public MysqlDatabaseResource(string database, string charset = "utf8mb4", string collation = "utf8mb4_unicode_ci")
    {
        Database = MysqlSql.CheckDatabase(database, "database");
        Charset = MysqlSql.CheckWord(charset, "charset");
        Collation = MysqlSql.CheckWord(collation, "collation");
    }

    /// <summary>The database name.</summary>
    public string Database { get; }

    /// <summary>The character set of a new database.</summary>
    public string Charset { get; }

    /// <summary>The collation of a new database.</summary>
    public string Collation { get; }

    /// <inheritdoc />
    public override string Kind => "mysql-database";

    /// <inheritdoc />
    public override string Name => Database;

    /// <inheritdoc />
    public override ShellScript ProbeScript => MysqlShell.Query(((IMysqlProbe)this).ProbeSql);

    /// <inheritdoc />
    public override SharedProbe? SharedProbe => MysqlSessionProbe.Instance;

    /// <inheritdoc />
    public override ShellScript ProbeFromShared => MysqlShell.FromShared(MysqlShell.Absent);

    string IMysqlProbe.ProbeSql => $"SELECT 'present' FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = {MysqlSql.Literal(Database)}";

    string IMysqlProbe.IfEmpty => MysqlShell.Absent;

    (string Exists, string Account)? IMysqlProbe.Grants => null;

    /// <inheritdoc />
    public override ResourceChange? Compare(ProbeResult current, PlanContext context)
    {
        var state = MysqlShell.Lines(current).FirstOrDefault() ?? MysqlShell.Absent;
        if (state == "present")
        {
            return null;
        }

        var sql = $"CREATE DATABASE IF NOT EXISTS {MysqlSql.Identifier(Database)} CHARACTER SET {Charset} COLLATE {Collation};\n";
        return new ResourceChange(ChangeAction.Create, $"create database {Database} ({Charset})", MysqlShell.Run(sql));
    }
}
