using System.Text.RegularExpressions;
using FooBar.Provision.Variables;

namespace FooBar.Provision.Roles.Nginx;

/// <summary>The nginx role's variables, read once and checked, with the paths derived from them.</summary>
/// <remarks>
/// Every value that lands in a configuration file is checked against a strict pattern (no spaces, <c>;</c>, braces or
/// quotes), so a variable cannot add a directive. <c>nginx_extra_config</c> is the one deliberate exception: it is raw
/// configuration, and <c>nginx -t</c> checks it before any reload.
/// </remarks>
internal sealed partial record NginxSettings(string AppName, string Kind, string Bind, IReadOnlyList<string> ServerNames)
{
    public const string Gunicorn = "gunicorn";
    public const string PhpFpm = "php-fpm";

    public string SiteAvailable => $"/etc/nginx/sites-available/{AppName}.conf";

    public string SiteEnabled => $"/etc/nginx/sites-enabled/{AppName}.conf";

    public string Current => $"/srv/{AppName}/current";

    public string FpmSocket => $"/run/php/{AppName}-fpm.sock";

    public string CertificatePath => $"/etc/nginx/tls/{AppName}.crt";

    public string KeyPath => $"/etc/nginx/tls/{AppName}.key";

    /// <summary>The <c>proxy_pass</c> target for gunicorn: <c>http://127.0.0.1:8000</c> or <c>http://unix:/run/x.sock:</c>.</summary>
    public string ProxyTarget
    {
        get
        {
            if (Bind.StartsWith("unix:", StringComparison.Ordinal))
            {
                return $"http://{Bind}:";
            }

            // A wildcard bind listens everywhere; nginx reaches it on loopback.
            var colon = Bind.LastIndexOf(':');
            var host = Bind[..colon] switch
            {
                "0.0.0.0" => "127.0.0.1",
                "[::]" => "[::1]",
                var other => other,
            };
            return $"http://{host}{Bind[colon..]}";
        }
    }

    public static NginxSettings From(VariableSet variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        var kind = variables.GetString("app_server_kind");
        if (kind is not (Gunicorn or PhpFpm))
        {
            throw new VariableException($"variable 'app_server_kind' must be '{Gunicorn}' or '{PhpFpm}', but is '{kind}'", "set app_server_kind to gunicorn or php-fpm");
        }

        var names = new List<string> { Check(variables, "domain", ServerNamePattern(), "a host name such as www.foobar.com") };
        foreach (var alias in variables.GetStringList("domain_aliases"))
        {
            if (!ServerNamePattern().IsMatch(alias))
            {
                throw new VariableException($"variable 'domain_aliases' must hold host names such as foobar.com, but holds '{alias}'", "fix the list in the inventory");
            }

            if (!names.Contains(alias, StringComparer.OrdinalIgnoreCase))
            {
                names.Add(alias);
            }
        }

        return new NginxSettings(
            Check(variables, "app_name", NamePattern(), "a lowercase name such as foobar (letters, digits, '-', '_')"),
            kind,
            Check(variables, "app_bind", BindPattern(), "host:port such as 127.0.0.1:8000, or unix:/run/foobar/gunicorn.sock"),
            names);
    }

    /// <summary>Reads an integer variable and checks its range.</summary>
    public static long Number(VariableSet variables, string name, long min, long max)
    {
        var value = variables.GetInt(name);
        return value >= min && value <= max
            ? value
            : throw new VariableException($"variable '{name}' must be between {min} and {max}, but is {value}", $"fix the value of '{name}'");
    }

    /// <summary>Reads a string variable that must match <paramref name="pattern"/>.</summary>
    public static string Check(VariableSet variables, string name, Regex pattern, string expected)
    {
        ArgumentNullException.ThrowIfNull(variables);
        ArgumentNullException.ThrowIfNull(pattern);
        var value = variables.GetString(name);
        return pattern.IsMatch(value)
            ? value
            : throw new VariableException($"variable '{name}' must be {expected}, but is '{value}'", $"fix the value of '{name}' in the inventory or on the command line");
    }

    [GeneratedRegex("^[a-z_][a-z0-9_-]{0,31}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^(\*\.)?[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?(\.[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?)*$")]
    private static partial Regex ServerNamePattern();

    [GeneratedRegex(@"^(unix:/[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*/[A-Za-z0-9._-]+|[A-Za-z0-9.-]+:[0-9]{1,5}|\[[0-9A-Fa-f:.]+\]:[0-9]{1,5})$")]
    private static partial Regex BindPattern();

    [GeneratedRegex("^[0-9]+[kKmMgG]?$")]
    public static partial Regex SizePattern();

    [GeneratedRegex("^(off|epoch|max|-?[0-9]+(ms|s|m|h|d|w|M|y)?)$")]
    public static partial Regex ExpiresPattern();

    [GeneratedRegex("^[0-9]+(ms|s|m|h|d)?$")]
    public static partial Regex TimePattern();
}
