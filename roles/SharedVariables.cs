using FooBar.Provision.Variables;
using static FooBar.Provision.Variables.VariableRules;

namespace FooBar.Provision.Roles;

/// <summary>The variables the web-stack roles share (docs/roles-contract.md): one declaration each, used by every role that reads it.</summary>
/// <remarks>Sharing the declaration object is what keeps their rules, defaults and descriptions identical in every role.</remarks>
public static class SharedVariables
{
    /// <summary><c>app_name</c>: the application's name.</summary>
    public static VariableDeclaration AppName { get; } = new("app_name", Name, "the application's name: /srv/<app_name>, the site, unit, pool and socket names")
    {
        Default = "foobar",
        Secret = SecretUse.Forbidden,
    };

    /// <summary><c>app_user</c>: the system user that owns and runs the application.</summary>
    public static VariableDeclaration AppUser { get; } = new("app_user", Name, "the system user (and group) that owns and runs the application")
    {
        Default = "foobar",
        Secret = SecretUse.Forbidden,
    };

    /// <summary><c>app_server_kind</c>: gunicorn or php-fpm.</summary>
    public static VariableDeclaration AppServerKind { get; } = new("app_server_kind", VariableRules.Enum("gunicorn", "php-fpm"), "gunicorn (Python WSGI, proxied over HTTP) or php-fpm (FastCGI)")
    {
        Default = "gunicorn",
        Secret = SecretUse.Forbidden,
    };

    /// <summary><c>app_bind</c>: where gunicorn listens.</summary>
    public static VariableDeclaration AppBind { get; } = new("app_bind", BindAddress, "where gunicorn listens; nginx proxies to it (0.0.0.0 is reached on 127.0.0.1)")
    {
        Default = "127.0.0.1:8000",
        Secret = SecretUse.Forbidden,
    };

    /// <summary><c>domain</c>: the site's main name (required by nginx).</summary>
    public static VariableDeclaration Domain { get; } = new("domain", DomainName, "the site's main name (server_name; verify checks it resolves to the host)")
    {
        Required = true,
        Secret = SecretUse.Forbidden,
    };

    /// <summary><c>domain_aliases</c>: other names of the site.</summary>
    public static VariableDeclaration DomainAliases { get; } = new("domain_aliases", ListOf(ServerName, 100), "other names of the site (added to server_name, duplicates dropped)")
    {
        Default = Array.Empty<string>(),
        Secret = SecretUse.Forbidden,
        Example = "[foobar.com]",
    };

    /// <summary><c>db_name</c>: the application's database.</summary>
    public static VariableDeclaration DbName { get; } = new("db_name", SqlIdentifier, "the application's database ([database] name in shared/config.ini)")
    {
        Default = "foobar",
        Secret = SecretUse.Forbidden,
    };

    /// <summary><c>db_user</c>: the application's database user.</summary>
    public static VariableDeclaration DbUser { get; } = new("db_user", SqlUser, "the application's database user: db_user@localhost and db_user@127.0.0.1 with ALL on db_name.*")
    {
        Default = "foobar",
        Secret = SecretUse.Forbidden,
    };

    /// <summary><c>db_password</c>: the database user's password, a secret.</summary>
    public static VariableDeclaration DbPassword { get; } = new("db_password", Line, "db_user's password, any printable characters (percent-encoded in shared/config.ini, given to MariaDB on stdin)")
    {
        Required = true,
        Secret = SecretUse.Preferred,
        Example = "{ file: secrets/db_password }",
    };

    /// <summary><c>db_host</c>: where the application reaches MariaDB.</summary>
    public static VariableDeclaration DbHost { get; } = new("db_host", Either(HostOrAddress, AbsolutePath), "where the app reaches MariaDB ([database] host; an absolute path is a unix socket)")
    {
        Default = "127.0.0.1",
        Secret = SecretUse.Forbidden,
    };

    /// <summary><c>db_port</c>: MariaDB's port.</summary>
    public static VariableDeclaration DbPort { get; } = new("db_port", Port, "MariaDB's port (the [mysqld] port and [database] port)")
    {
        Default = 3306L,
        Secret = SecretUse.Forbidden,
    };

    /// <summary><c>apt_cache_max_age</c>: seconds before package lists are refreshed.</summary>
    public static VariableDeclaration AptCacheMaxAge { get; } = new("apt_cache_max_age", WholeNumber(0, int.MaxValue), "seconds; older package lists are refreshed (apt-get update) before an install")
    {
        Default = 3600L,
        Secret = SecretUse.Forbidden,
    };
}
