using FooBar.Provision.Planning;
using FooBar.Provision.Resources;
using FooBar.Provision.Roles;
using FooBar.Provision.Transport;

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
    public override IReadOnlyList<Variables.VariableDeclaration> VariableDeclarations => NginxVariables.All;

    /// <inheritdoc />
    /// <remarks>A TLS path must name a file on this machine; TLS needs both the certificate and the key, or neither; a fixed server_names_hash_bucket_size must fit every server name.</remarks>
    public override IEnumerable<Variables.VariableProblem> CheckVariables(Variables.VariableSet variables, string? inventoryDirectory)
    {
        ArgumentNullException.ThrowIfNull(variables);
        foreach (var problem in TlsMaterial.Check(variables, NginxVariables.TlsCertificate, NginxVariables.TlsKey, tls => MissingLocalPath(variables, tls, inventoryDirectory, folder: false)))
        {
            yield return problem;
        }

        string? tooSmall = null;
        try
        {
            ServerNamesHash.BucketSize(variables, NginxSettings.From(variables).ServerNames);
        }
        catch (Variables.VariableException e)
        {
            tooSmall = e.Message;
        }

        if (tooSmall is not null)
        {
            yield return new Variables.VariableProblem(NginxVariables.ServerNamesHashBucketSize.Name, "is too small for the longest server name", NginxVariables.ServerNamesHashBucketSize.Rule.Expected + ", large enough for every server name", "auto");
        }
    }

    /// <inheritdoc />
    public override void Build(RoleContext context, RoleBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(builder);
        var variables = context.Variables;
        var settings = NginxSettings.From(variables);
        var tls = TlsMaterial.From(context, NginxVariables.TlsCertificate, NginxVariables.TlsKey);
        var main = new Dictionary<string, object?>
        {
            ["nginx_worker_connections"] = variables.GetInt(NginxVariables.WorkerConnections.Name),
            ["nginx_keepalive_timeout"] = variables.GetInt(NginxVariables.KeepaliveTimeout.Name),
            ["nginx_client_max_body_size"] = variables.GetString(NginxVariables.ClientMaxBodySize.Name),
            ["nginx_server_names_hash_bucket_size"] = ServerNamesHash.BucketSize(variables, settings.ServerNames),
        };

        builder
            .Add(new AptPackages(["nginx"], TimeSpan.FromSeconds(variables.GetInt(SharedVariables.AptCacheMaxAge.Name))))
            .Add(new FileResource("/etc/nginx/nginx.conf", context.Render(this, "nginx.conf.scriban", main)) { Notify = [ReloadHandler] });
        if (tls is not null)
        {
            builder
                .Add(new DirectoryResource("/etc/nginx/tls", "0750"))
                .Add(new FileResource(settings.CertificatePath, tls.Certificate, "0644") { Notify = [ReloadHandler] })
                .Add(new FileResource(settings.KeyPath, tls.Key, "0600") { Sensitive = true, Notify = [ReloadHandler] });
        }

        builder
            .Add(new FileResource(settings.SiteAvailable, context.Render(this, "site.conf.scriban", SiteModel(context, settings, tls is not null))) { Notify = [ReloadHandler] })
            .Add(new SymlinkResource(settings.SiteEnabled, settings.SiteAvailable) { Notify = [ReloadHandler] })
            .Add(new AbsentResource(EnabledDefaultSite) { InstalledBy = "nginx", Notify = [ReloadHandler] })
            .Add(new ServiceResource("nginx") { StartSatisfies = [ReloadHandler] });

        ShellScript reload = context.Facts.HasSystemd ? $"systemctl reload nginx" : (ShellScript)$"service nginx reload";
        builder.Handler(new Handler(ReloadHandler, reload) { ValidateScript = $"nginx -t" });
    }

    private static Dictionary<string, object?> SiteModel(RoleContext context, NginxSettings settings, bool tls)
    {
        var variables = context.Variables;
        var extra = variables.GetStringOrNull(NginxVariables.ExtraConfig.Name) ?? "";
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
            ["listen_ipv6"] = variables.GetBool(NginxVariables.ListenIpv6.Name),
            ["static_access_log"] = variables.GetBool(NginxVariables.StaticAccessLog.Name),
            ["nginx_static_expires"] = variables.GetString(NginxVariables.StaticExpires.Name),
            ["nginx_proxy_read_timeout"] = variables.GetString(NginxVariables.ProxyReadTimeout.Name),
            ["extra_lines"] = extra.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0).ToArray(),
        };
    }
}
