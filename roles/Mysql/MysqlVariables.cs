using System.Text.RegularExpressions;
using FooBar.Provision.Variables;
using static FooBar.Provision.Variables.VariableRules;

namespace FooBar.Provision.Roles.Mysql;

/// <summary>Every variable of the mysql role, in one place: rule, default, description (the README's table comes from here).</summary>
internal static partial class MysqlVariables
{
    public static VariableDeclaration Packages { get; } = new("mysql_packages", ListOf(DebianPackage, 100), "the MariaDB packages to install") { Default = new[] { "mariadb-server", "mariadb-client" } };

    public static VariableDeclaration Service { get; } = new("mysql_service", Name, "the MariaDB service (systemd unit or init script)") { Default = "mariadb" };

    public static VariableDeclaration ConfigPath { get; } = new("mysql_config_path", AbsolutePath, "the option file the role writes (read after Debian's 50-server.cnf, so its values win)") { Default = "/etc/mysql/mariadb.conf.d/60-provision.cnf" };

    public static VariableDeclaration BindAddress { get; } = new("mysql_bind_address", HostOrAddress, "[mysqld] bind-address: 0.0.0.0 listens on every address (then firewall it)") { Default = "127.0.0.1" };

    public static VariableDeclaration MaxConnections { get; } = new("mysql_max_connections", WholeNumber(1, 100_000), "[mysqld] max_connections") { Default = 151L };

    public static VariableDeclaration Charset { get; } = new("mysql_charset", SqlWord, "the server's default character set and that of created databases") { Default = "utf8mb4" };

    public static VariableDeclaration Collation { get; } = new("mysql_collation", SqlWord, "the server's default collation and that of created databases") { Default = "utf8mb4_unicode_ci" };

    public static VariableDeclaration InnodbBufferPoolSize { get; } = new("mysql_innodb_buffer_pool_size", Size, "[mysqld] innodb_buffer_pool_size") { Default = "128M" };

    public static VariableDeclaration Databases { get; } = new("mysql_databases", ListOf(SqlIdentifier, 1000), "more databases to create (besides db_name)")
    {
        Default = Array.Empty<string>(),
        Example = "[reports]",
    };

    public static VariableDeclaration UserName { get; } = new("name", SqlUser, "the account's user name (not root)") { Required = true, Secret = SecretUse.Forbidden };

    public static VariableDeclaration UserPassword { get; } = new("password", Line, "the account's password, as a secret (required unless state is absent)") { Example = "{ env: REPORT_DB_PASSWORD }" };

    public static VariableDeclaration UserState { get; } = new("state", VariableRules.Enum("present", "absent"), "present, or absent to drop the account (then only name and host count)") { Default = "present", Secret = SecretUse.Forbidden };

    public static VariableDeclaration UserHost { get; } = new("host", SqlHost, "where the account connects from") { Default = "localhost", Secret = SecretUse.Forbidden };

    public static VariableDeclaration UserDatabase { get; } = new("database", SqlIdentifier, "the database it gets privileges on (none: no grant)") { Secret = SecretUse.Forbidden };

    public static VariableDeclaration UserPrivileges { get; } = new("privileges", SqlPrivileges, "the privileges on that database") { Default = "ALL", Secret = SecretUse.Forbidden };

    public static VariableDeclaration Users { get; } = new("mysql_users", ListOf(Record(UserName, UserPassword, UserHost, UserDatabase, UserPrivileges, UserState), 1000), "more accounts (besides db_user): name, password (a secret), host (localhost), database, privileges (ALL), state (present or absent)")
    {
        Default = Array.Empty<object>(),
        Example = "[{ name: report, password: { env: REPORT_DB_PASSWORD }, database: reports, privileges: SELECT }]",
    };

    public static VariableDeclaration SchemaFile { get; } = new("mysql_schema_file", VariableRules.Path, "SQL applied once into db_name (a marker named after its hash records it); a relative path is from the inventory's directory; \"\" for none")
    {
        Default = "../app/schema.sql",
        Optional = true,
    };

    public static VariableDeclaration StateDir { get; } = new("mysql_state_dir", AbsolutePath, "where the markers of applied schema files are kept on the host") { Default = "/var/lib/foobar-provision/mysql" };

    public static VariableDeclaration Primary { get; } = new("mysql_primary", Matching(HostName(), "an inventory host name (letters, digits, _ . -)", "db1", 100), "replication: the inventory host that is the primary; every other host with this value replicates from it (GTID). Unset: no replication")
    {
        Secret = SecretUse.Forbidden,
    };

    public static VariableDeclaration ReplicationUser { get; } = new("mysql_replication_user", SqlUser, "the account replicas connect to the primary as (REPLICATION SLAVE, from each replica's address only)") { Default = "repl", Secret = SecretUse.Forbidden };

    public static VariableDeclaration ReplicationPassword { get; } = new("mysql_replication_password", Line, "that account's password (required with mysql_primary; given to MariaDB on stdin)")
    {
        Secret = SecretUse.Required,
        Example = "{ env: FOOBAR_REPL_PASSWORD }",
    };

    public static VariableDeclaration ServerId { get; } = new("mysql_server_id", WholeNumber(1, 4_294_967_295), "[mysqld] server_id with replication; unset: the host's IPv4 address as a 32-bit number (else a hash of its inventory name); two hosts of one replication set may not share one")
    {
        Secret = SecretUse.Forbidden,
    };

    public static VariableDeclaration ReplicationWait { get; } = new("mysql_replication_wait", WholeNumber(0, 3600), "seconds a new replica waits for its primary to be ready (binary log on, replication account there) before seeding") { Default = 300L, Secret = SecretUse.Forbidden };

    public static IReadOnlyList<VariableDeclaration> All { get; } =
    [
        SharedVariables.DbName,
        SharedVariables.DbUser,
        SharedVariables.DbPassword,
        SharedVariables.DbPort,
        SharedVariables.AptCacheMaxAge,
        Packages,
        Service,
        ConfigPath,
        BindAddress,
        MaxConnections,
        Charset,
        Collation,
        InnodbBufferPoolSize,
        Databases,
        Users,
        SchemaFile,
        StateDir,
        Primary,
        ReplicationUser,
        ReplicationPassword,
        ServerId,
        ReplicationWait,
    ];

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}$")]
    private static partial Regex HostName();
}
