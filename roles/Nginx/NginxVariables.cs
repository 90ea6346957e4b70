using System.Text.RegularExpressions;
using FooBar.Provision.Variables;
using static FooBar.Provision.Variables.VariableRules;

namespace FooBar.Provision.Roles.Nginx;

/// <summary>Every variable of the nginx role, in one place: rule, default, description (the README's table comes from here).</summary>
internal static partial class NginxVariables
{
    public static VariableDeclaration WorkerConnections { get; } = new("nginx_worker_connections", WholeNumber(16, 1_000_000), "events { worker_connections }") { Default = 1024L };

    public static VariableDeclaration ClientMaxBodySize { get; } = new("nginx_client_max_body_size", Size, "largest request body (uploads): client_max_body_size") { Default = "10m" };

    public static VariableDeclaration KeepaliveTimeout { get; } = new("nginx_keepalive_timeout", WholeNumber(0, 3600), "seconds a client connection stays open between requests") { Default = 65L };

    public static VariableDeclaration ServerNamesHashBucketSize { get; } = new("nginx_server_names_hash_bucket_size", Either(VariableRules.Enum("auto"), Matching(PowerOfTwoPattern(), "a power of two from 32 to 4096", "128")), "server_names_hash_bucket_size: auto fits the longest server name (the smallest power of two, at least 64); or 32 to 4096, a power of two") { Default = "auto" };

    public static VariableDeclaration ListenIpv6 { get; } = new("nginx_listen_ipv6", Bool, "also listen on [::]") { Default = true };

    public static VariableDeclaration StaticExpires { get; } = new("nginx_static_expires", Matching(ExpiresPattern(), "an nginx expires value: off, epoch, max, or digits with a unit ms s m h d w M y (7d)", "7d"), "expires of /static/ files") { Default = "7d" };

    public static VariableDeclaration StaticAccessLog { get; } = new("nginx_static_access_log", Bool, "log /static/ requests in the access log") { Default = false };

    public static VariableDeclaration ProxyReadTimeout { get; } = new("nginx_proxy_read_timeout", Duration("", "ms", "s", "m", "h", "d"), "how long nginx waits for the app (proxy_read_timeout / fastcgi_read_timeout)") { Default = "60s" };

    public static VariableDeclaration ExtraConfig { get; } = new("nginx_extra_config", Text, "raw lines added at the end of the (HTTPS, when TLS is on) server block; nginx -t checks them before any reload") { Default = "" };

    public static VariableDeclaration TlsCertificate { get; } = new("nginx_tls_certificate", PemOrPath, "the certificate (chain), PEM: a path on the control machine (relative to the inventory's directory, ~ allowed) or the PEM text; set with nginx_tls_key, or neither");

    public static VariableDeclaration TlsKey { get; } = new("nginx_tls_key", PemOrPath, "the private key, PEM, same forms; give it as a secret: { file: secrets/site.key } or { env: SITE_KEY }")
    {
        Example = "{ file: secrets/www.foobar.com.key }",
    };

    public static IReadOnlyList<VariableDeclaration> All { get; } =
    [
        SharedVariables.Domain,
        SharedVariables.DomainAliases,
        SharedVariables.AppName,
        SharedVariables.AppServerKind,
        SharedVariables.AppBind,
        SharedVariables.AptCacheMaxAge,
        WorkerConnections,
        ClientMaxBodySize,
        KeepaliveTimeout,
        ServerNamesHashBucketSize,
        ListenIpv6,
        StaticExpires,
        StaticAccessLog,
        ProxyReadTimeout,
        ExtraConfig,
        TlsCertificate,
        TlsKey,
    ];

    [GeneratedRegex("^(32|64|128|256|512|1024|2048|4096)$", RegexOptions.CultureInvariant)]
    private static partial Regex PowerOfTwoPattern();

    [GeneratedRegex("^(off|epoch|max|[0-9]{1,9}(ms|s|m|h|d|w|M|y)?)$", RegexOptions.CultureInvariant)]
    private static partial Regex ExpiresPattern();
}
