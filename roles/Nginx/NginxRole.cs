using FooBar.Provision.Planning;
using FooBar.Provision.Resources;
using FooBar.Provision.Roles;

namespace FooBar.Provision.Roles.Nginx;

/// <summary>
/// Nginx in front of the application: the main configuration, one site for <c>domain</c> and its aliases that serves
/// <c>/static/</c> from disk and hands everything else to gunicorn (HTTP) or php-fpm (FastCGI), and optional TLS.
/// </summary>
/// <remarks>
/// Idempotent: a second apply changes nothing. Every configuration file notifies <c>reload nginx</c>, which runs
/// <c>nginx -t</c> first: when the new configuration is invalid the engine puts the previous files back, nginx keeps
/// serving the old configuration and the host fails. The TLS key never shows in a plan. See <c>roles/Nginx/README.md</c>.
/// </remarks>
public sealed partial class NginxRole : RoleBase
{
    /// <summary>The handler that checks the configuration and reloads nginx.</summary>
    public const string ReloadHandler = "reload nginx";

    private const string EnabledDefaultSite = "/etc/nginx/sites-enabled/default";

    /// <inheritdoc />
    public override string Name => "nginx";

    /// <inheritdoc />
    public override string Folder => "Nginx";

    /// <inheritdoc />
    public override IReadOnlyList<string> RequiredVariables => ["domain"];

    /// <inheritdoc />
    public override void Build(RoleContext context, RoleBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(builder);
        var variables = context.Variables;
        var settings = NginxSettings.From(variables);
        var tls = TlsMaterial.From(context);
        var main = new Dictionary<string, object?>
        {
            ["nginx_worker_connections"] = NginxSettings.Number(variables, "nginx_worker_connections", 16, 1_000_000),
            ["nginx_keepalive_timeout"] = NginxSettings.Number(variables, "nginx_keepalive_timeout", 0, 3600),
            ["nginx_client_max_body_size"] = NginxSettings.Check(variables, "nginx_client_max_body_size", NginxSettings.SizePattern(), "a size such as 10m"),
            ["nginx_server_names_hash_bucket_size"] = ServerNamesHash.BucketSize(variables, settings.ServerNames),
        };

        builder
            .Add(new AptPackages(["nginx"], TimeSpan.FromSeconds(NginxSettings.Number(variables, "apt_cache_max_age", 0, int.MaxValue))))
            .Add(new FileResource("/etc/nginx/nginx.conf", context.Render(this, "nginx.conf.hbs", main)) { Notify = [ReloadHandler] });
        if (tls is not null)
        {
            builder
                .Add(new DirectoryResource("/etc/nginx/tls", "0750"))
                .Add(new FileResource(settings.CertificatePath, tls.Certificate, "0644") { Notify = [ReloadHandler] })
                .Add(new FileResource(settings.KeyPath, tls.Key, "0600") { Sensitive = true, Notify = [ReloadHandler] });
        }

        builder
            .Add(new FileResource(settings.SiteAvailable, context.Render(this, "site.conf.hbs", SiteModel(context, settings, tls is not null))) { Notify = [ReloadHandler] })
            .Add(new SymlinkResource(settings.SiteEnabled, settings.SiteAvailable) { Notify = [ReloadHandler] })
            .Add(new AbsentResource(EnabledDefaultSite) { InstalledBy = "nginx", Notify = [ReloadHandler] })
            .Add(new ServiceResource("nginx") { StartSatisfies = [ReloadHandler] });

        var reload = context.Facts.HasSystemd ? "systemctl reload nginx" : "service nginx reload";
        builder.Handler(new Handler(ReloadHandler, reload) { ValidateScript = "nginx -t" });
    }

    private static Dictionary<string, object?> SiteModel(RoleContext context, NginxSettings settings, bool tls)
    {
        var variables = context.Variables;
        var extra = variables.GetStringOrNull("nginx_extra_config") ?? "";
        return new Dictionary<string, object?>
        {
            ["server_names"] = string.Join(' ', settings.ServerNames),
            ["gunicorn"] = settings.Kind == NginxSettings.Gunicorn,
            ["proxy_target"] = settings.ProxyTarget,
            ["fpm_socket"] = settings.FpmSocket,
            ["app_current"] = settings.Current,
            ["tls"] = tls,
            ["tls_certificate"] = settings.CertificatePath,
            ["tls_key"] = settings.KeyPath,
            ["listen_ipv6"] = variables.GetBool("nginx_listen_ipv6"),
            ["static_access_log"] = variables.GetBool("nginx_static_access_log"),
            ["nginx_static_expires"] = NginxSettings.Check(variables, "nginx_static_expires", NginxSettings.ExpiresPattern(), "an nginx expires value such as 7d"),
            ["nginx_proxy_read_timeout"] = NginxSettings.Check(variables, "nginx_proxy_read_timeout", NginxSettings.TimePattern(), "a time such as 60s"),
            ["extra_lines"] = extra.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0).ToArray(),
        };
    }
}
