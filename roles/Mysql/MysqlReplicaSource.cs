using FooBar.Provision.Inventory;
using FooBar.Provision.Variables;

namespace FooBar.Provision.Roles.Mysql;

/// <summary>Where a replica replicates from: the primary's inventory entry (reached at its address), its port, and the replication account.</summary>
/// <param name="Primary">The primary's inventory entry.</param>
/// <param name="Port">The primary's MariaDB port.</param>
/// <param name="User">The replication account's user name.</param>
/// <param name="Password">Its password (a secret: it reaches the replica on <c>mysql</c>'s stdin only).</param>
internal sealed record MysqlReplicaSource(HostEntry Primary, int Port, string User, SecretValue Password)
{
    /// <summary>The <c>CHANGE MASTER TO</c> statement that points the replica here, with GTID (the password is in it: stdin only).</summary>
    public string ChangeMasterSql =>
        $"CHANGE MASTER TO MASTER_HOST = {MysqlSql.Literal(Primary.Address)}, MASTER_PORT = {Port}, MASTER_USER = {MysqlSql.Literal(User)}, " +
        $"MASTER_PASSWORD = {MysqlSql.Literal(Password.Reveal())}, MASTER_USE_GTID = slave_pos, MASTER_CONNECT_RETRY = 10;\n";

    /// <summary>How the plan names it: <c>repl@db1 (10.0.0.11:3306)</c>.</summary>
    public string Describe => $"{User}@{Primary.Name} ({Primary.Address}:{Port})";
}
