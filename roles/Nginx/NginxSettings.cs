using FooBar.Provision.Variables;

namespace FooBar.Provision.Roles.Nginx;

/// <summary>The nginx role's variables (already checked against <see cref="NginxVariables"/>), with the paths derived from them.</summary>
/// <remarks>
/// The engine refuses any value that breaks its declaration before the role is built, so a variable cannot add a
/// directive. <c>nginx_extra_config</c> is the one deliberate exception: it is raw configuration, and <c>nginx -t</c>
/// checks it before any reload.
/// </remarks>
internal sealed record NginxSettings(string AppName, string Kind, string Bind, IReadOnlyList<string> ServerNames)
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
        var names = new List<string> { variables.GetString(SharedVariables.Domain.Name) };
        foreach (var alias in variables.GetStringList(SharedVariables.DomainAliases.Name))
        {
            if (!names.Contains(alias, StringComparer.OrdinalIgnoreCase))
            {
                names.Add(alias);
            }
        }

        return new NginxSettings(
            variables.GetString(SharedVariables.AppName.Name),
            variables.GetString(SharedVariables.AppServerKind.Name),
            variables.GetString(SharedVariables.AppBind.Name),
            names);
    }
}
