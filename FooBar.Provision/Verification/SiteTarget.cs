using FooBar.Provision.Inventory;
using FooBar.Provision.Variables;

namespace FooBar.Provision.Verification;

/// <summary>What <c>provision verify</c> expects of one host's site, read from the host's variables.</summary>
/// <param name="Domain">The site's name (variable <c>domain</c>).</param>
/// <param name="Aliases">Other names of the same site (variable <c>domain_aliases</c>).</param>
/// <param name="Scheme"><c>http</c> or <c>https</c> (variable <c>verify_scheme</c>, default <c>http</c>).</param>
/// <param name="Path">The path to GET (variable <c>verify_path</c>, default <c>/</c>).</param>
/// <param name="ExpectedStatus">The expected HTTP status (variable <c>verify_status</c>, default 200).</param>
/// <param name="ExpectedText">Text the body must contain (variable <c>verify_text</c>, default <c>Hello from {domain}</c>).</param>
/// <param name="Insecure">Accept any TLS certificate, such as a self-signed one (variable <c>verify_insecure</c>, default false).</param>
public sealed record SiteTarget(string Domain, IReadOnlyList<string> Aliases, string Scheme, string Path, int ExpectedStatus, string ExpectedText, bool Insecure)
{
    /// <summary>The TCP port (variable <c>verify_port</c>), or null for the scheme's (80, 443).</summary>
    public int? Port { get; init; }

    /// <summary>
    /// Where the site of this host is served (variable <c>verify_address</c>: an IP address or a DNS name), or null for
    /// the host's inventory address: the virtual IP of a pair of load balancers, for the hosts behind it.
    /// </summary>
    /// <remarks>The names must resolve to it and the GET goes to it; a public DNS resolver's address is refused.</remarks>
    public string? Address { get; init; }

    /// <summary>The default of <c>verify_text</c>.</summary>
    public const string DefaultText = "Hello from {domain}";

    /// <summary>The domain, then each alias.</summary>
    public IReadOnlyList<string> Names => [Domain, .. Aliases];

    /// <summary>The text expected when <paramref name="name"/> is checked: <c>{domain}</c> becomes the domain, <c>{name}</c> the checked name.</summary>
    public string TextFor(string name) =>
        ExpectedText.Replace("{domain}", Domain, StringComparison.Ordinal).Replace("{name}", name, StringComparison.Ordinal);

    /// <summary>The target of <paramref name="host"/>, or null when it has no <c>domain</c> variable.</summary>
    /// <exception cref="VariableException">A verify variable has a wrong value (the message names the host).</exception>
    public static SiteTarget? FromHost(HostEntry host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var variables = host.Variables;
        try
        {
            var domain = variables.GetStringOrNull("domain");
            if (string.IsNullOrWhiteSpace(domain))
            {
                return null;
            }

            // A --var value is one string: "a.com,b.com" lists two aliases, "" none.
            var aliases = variables.GetStringList("domain_aliases")
                .SelectMany(a => a.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                .Select(a => HostName("domain_aliases", a))
                .Where(a => !string.Equals(a, domain.Trim().TrimEnd('.'), StringComparison.OrdinalIgnoreCase))
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .ToArray();
            var scheme = (variables.GetStringOrNull("verify_scheme") ?? "http").ToLowerInvariant();
            if (scheme is not ("http" or "https"))
            {
                throw Wrong("verify_scheme", "http or https", scheme);
            }

            var path = variables.GetStringOrNull("verify_path") ?? "/";
            var status = variables.ContainsKey("verify_status") ? variables.GetInt("verify_status") : 200;
            if (status is < 100 or > 599)
            {
                throw Wrong("verify_status", "an HTTP status code (100..599)", status.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            long? port = variables.ContainsKey("verify_port") ? variables.GetInt("verify_port") : null;
            if (port is < 1 or > 65535)
            {
                throw Wrong("verify_port", "a TCP port (1..65535)", port.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            var text = variables.GetStringOrNull("verify_text") ?? DefaultText;
            var insecure = variables.ContainsKey("verify_insecure") && variables.GetBool("verify_insecure");
            var address = SiteAddress(variables.GetStringOrNull("verify_address"));
            return new SiteTarget(HostName("domain", domain), aliases, scheme, path.StartsWith('/') ? path : "/" + path, (int)status, text, insecure) { Port = (int?)port, Address = address };
        }
        catch (VariableException e)
        {
            var where = host.Location is null ? "" : $"{host.Location}: ";
            throw new VariableException($"{where}host '{host.Name}': {e.Message}", e.Hint);
        }
    }

    private static string HostName(string variable, string value)
    {
        var name = value.Trim().TrimEnd('.');
        return Uri.CheckHostName(name) == UriHostNameType.Dns
            ? name
            : throw Wrong(variable, "a host name such as www.foobar.com (no scheme, no path, no port)", value);
    }

    private static string? SiteAddress(string? value)
    {
        var address = value?.Trim();
        if (string.IsNullOrEmpty(address))
        {
            return null;
        }

        if (Uri.CheckHostName(address) is not (UriHostNameType.IPv4 or UriHostNameType.IPv6 or UriHostNameType.Dns))
        {
            throw Wrong("verify_address", "an IP address or a host name (the address the site is served at, such as a virtual IP)", address);
        }

        return PublicResolvers.Owner(address) is { } owner
            ? throw Wrong("verify_address", $"the address of a server of yours, not a public DNS resolver ({owner})", address)
            : address;
    }

    private static VariableException Wrong(string variable, string expected, string actual) =>
        new($"variable '{variable}' must be {expected}, but is '{actual}'", $"fix the value of '{variable}' in the inventory or on the command line");
}
