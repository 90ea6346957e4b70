using System.Text.RegularExpressions;
using FooBar.Provision.Variables;
using FooBar.Provision.Variables.Rules;
using static FooBar.Provision.Variables.VariableRules;

namespace FooBar.Provision.Roles.Haproxy;

/// <summary>Every variable of the haproxy role, in one place: rule, default, description (the README's table comes from here).</summary>
internal static partial class HaproxyVariables
{
    public static VariableDeclaration BackendName { get; } = new("haproxy_backend_name", ServerNameRule, "the backend's name in haproxy.cfg and on the runtime socket (set server <backend>/<host> state drain)") { Default = "web" };

    public static VariableDeclaration BackendGroup { get; } = new("haproxy_backend_group", GroupNameRule, "the inventory group whose hosts are the backend's servers (server name = host name); \"\" for haproxy_extra_servers only")
    {
        Default = "web",
        Optional = true,
    };

    public static VariableDeclaration BackendPort { get; } = new("haproxy_backend_port", Port, "the port of the backend hosts that haproxy sends requests and health checks to") { Default = 80L };

    public static VariableDeclaration ServerAddress { get; } = new("haproxy_server_address", HostOrAddress, "set on a backend host: the address the load balancers reach it at (default: its inventory address)")
    {
        Secret = SecretUse.Forbidden,
        Example = "10.0.1.21",
    };

    public static VariableDeclaration ExtraServers { get; } = new("haproxy_extra_servers", ListOf(Record(ExtraServerName, ExtraServerAddress, ExtraServerPort), 1000), "more servers of the backend, outside the inventory: name, address, port (haproxy_backend_port)")
    {
        Default = Array.Empty<object>(),
        Example = "[{ name: legacy1, address: 192.0.2.30 }]",
    };

    public static VariableDeclaration Balance { get; } = new("haproxy_balance", VariableRules.Enum("roundrobin", "leastconn"), "how requests are spread over the servers: roundrobin (in turn) or leastconn (fewest open connections)") { Default = "roundrobin" };

    public static VariableDeclaration HealthPath { get; } = new("haproxy_health_path", Matching(UrlPathPattern(), "an absolute URL path, optionally with a query: / then letters, digits and . _ ~ % / ? & = + : @ , -", "/health"), "the path of the HTTP health check (GET) sent to every server") { Default = "/" };

    public static VariableDeclaration HealthHost { get; } = new("haproxy_health_host", HostOrAddress, "the Host header of the health check (the site's name, so the web server answers with the site)") { Default = "localhost" };

    public static VariableDeclaration HealthStatus { get; } = new("haproxy_health_status", WholeNumber(100, 599), "the HTTP status a healthy server answers the health check with") { Default = 200L };

    public static VariableDeclaration CheckInterval { get; } = new("haproxy_check_interval", HaproxyTime, "time between two health checks of a server (inter); a dead server leaves rotation after fall x interval") { Default = "1s" };

    public static VariableDeclaration CheckRise { get; } = new("haproxy_check_rise", WholeNumber(1, 100), "consecutive passed checks that put a server back in rotation (rise)") { Default = 2L };

    public static VariableDeclaration CheckFall { get; } = new("haproxy_check_fall", WholeNumber(1, 100), "consecutive failed checks that take a server out of rotation (fall)") { Default = 2L };

    public static VariableDeclaration TimeoutConnect { get; } = new("haproxy_timeout_connect", HaproxyTime, "timeout connect: how long a connection to a server may take") { Default = "5s" };

    public static VariableDeclaration TimeoutClient { get; } = new("haproxy_timeout_client", HaproxyTime, "timeout client: how long a client may stay silent") { Default = "60s" };

    public static VariableDeclaration TimeoutServer { get; } = new("haproxy_timeout_server", HaproxyTime, "timeout server: how long a server may take to answer") { Default = "60s" };

    public static VariableDeclaration TimeoutHttpRequest { get; } = new("haproxy_timeout_http_request", HaproxyTime, "timeout http-request: how long a client may take to send a whole request") { Default = "10s" };

    public static VariableDeclaration MaxConnections { get; } = new("haproxy_maxconn", WholeNumber(1, 1_000_000), "global maxconn: connections haproxy accepts at once") { Default = 4096L };

    public static VariableDeclaration ListenIpv6 { get; } = new("haproxy_listen_ipv6", Bool, "listen on IPv6 as well as IPv4 (bind :::80 v6only beside *:80)") { Default = true };

    public static VariableDeclaration TlsCertificate { get; } = new("haproxy_tls_certificate", PemOrPath, "the certificate (chain), PEM: a path on the control machine (relative to the inventory's directory, ~ allowed) or the PEM text; set with haproxy_tls_key to serve HTTPS on 443");

    public static VariableDeclaration TlsKey { get; } = new("haproxy_tls_key", PemOrPath, "the private key, PEM, same forms; give it as a secret: { file: secrets/site.key } or { env: SITE_KEY }")
    {
        Example = "{ file: secrets/www.foobar.com.key }",
    };

    public static VariableDeclaration HttpsRedirect { get; } = new("haproxy_https_redirect", Bool, "with TLS: answer plain HTTP with a 301 to the same URL over HTTPS") { Default = true };

    public static IReadOnlyList<VariableDeclaration> All { get; } =
    [
        BackendName,
        BackendGroup,
        BackendPort,
        ServerAddress,
        ExtraServers,
        Balance,
        HealthPath,
        HealthHost,
        HealthStatus,
        CheckInterval,
        CheckRise,
        CheckFall,
        TimeoutConnect,
        TimeoutClient,
        TimeoutServer,
        TimeoutHttpRequest,
        MaxConnections,
        ListenIpv6,
        TlsCertificate,
        TlsKey,
        HttpsRedirect,
        SharedVariables.AptCacheMaxAge,
    ];

    /// <summary>A name haproxy accepts for a proxy or a server: letters, digits and <c>_ . : -</c>.</summary>
    public static Regex ServerNamePattern => ServerNameRegex();

    private static VariableRule ServerNameRule => Matching(ServerNameRegex(), "a haproxy name: letters, digits and _ . : -, at most 64 characters, not starting with -", "web", 64);

    private static VariableRule GroupNameRule => Matching(GroupNameRegex(), "an inventory group name: letters, digits and _ . -", "web", 128);

    // haproxy reads a time as milliseconds (digits alone too) into a signed 32-bit number and takes no zero for inter:
    // 0, 500us (0 ms) or 30d (over 2^31 ms) would only fail haproxy -c on the host, after the plan.
    private static VariableRule HaproxyTime => new TextRule("a duration: digits and an optional unit (us, ms, s, m, h, d; digits alone are ms), from 1ms to 24d", "60s")
    {
        Pattern = HaproxyTimePattern(),
        Extra = HaproxyTimeProblem,
    };

    private static VariableDeclaration ExtraServerName => new("name", ServerNameRule, "the server's name") { Required = true, Secret = SecretUse.Forbidden };

    private static VariableDeclaration ExtraServerAddress => new("address", HostOrAddress, "its address") { Required = true, Secret = SecretUse.Forbidden };

    private static VariableDeclaration ExtraServerPort => new("port", Port, "its port (default haproxy_backend_port)") { Secret = SecretUse.Forbidden };

    private static string? HaproxyTimeProblem(string text)
    {
        var digits = text.TrimEnd('u', 's', 'm', 'h', 'd');
        var unit = text[digits.Length..];
        var number = decimal.Parse(digits, System.Globalization.CultureInfo.InvariantCulture);
        var milliseconds = unit switch
        {
            "us" => number / 1000m,
            "" or "ms" => number,
            "s" => number * 1000m,
            "m" => number * 60_000m,
            "h" => number * 3_600_000m,
            _ => number * 86_400_000m,
        };
        return milliseconds switch
        {
            < 1m => $"is {VariableText.Show(text)}, under 1 ms (haproxy takes no zero time)",
            > int.MaxValue => $"is {VariableText.Show(text)}, over haproxy's longest time (2147483647 ms, about 24 days)",
            _ => null,
        };
    }

    [GeneratedRegex("^[A-Za-z0-9_.:-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex ServerNameRegex();

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,128}$", RegexOptions.CultureInvariant)]
    private static partial Regex GroupNameRegex();

    [GeneratedRegex("^[0-9]{1,9}(us|ms|s|m|h|d)?$", RegexOptions.CultureInvariant)]
    private static partial Regex HaproxyTimePattern();

    [GeneratedRegex("^/[A-Za-z0-9._~%/?&=+:@,-]{0,1000}$", RegexOptions.CultureInvariant)]
    private static partial Regex UrlPathPattern();
}
