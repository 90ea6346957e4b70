using FooBar.Provision.Inventory;
using FooBar.Provision.Planning;
using FooBar.Provision.Resources;
using FooBar.Provision.Transport;
using FooBar.Provision.Variables;

namespace FooBar.Provision.Roles.Haproxy;

/// <summary>
/// HAProxy in front of the web servers: one frontend on port 80 (and 443 with TLS, HTTP redirected to HTTPS), one backend
/// whose servers are the hosts of an inventory group, HTTP health checks, <c>X-Forwarded-For</c>, and the runtime API
/// socket that rolling deploys drain servers through.
/// </summary>
/// <remarks>
/// Idempotent: a second apply changes nothing. The configuration notifies <c>reload haproxy</c>, which runs
/// <c>haproxy -c</c> on it first: when it is invalid the engine puts the previous file back and haproxy keeps serving
/// the old configuration. The reload hands the listening sockets to the new worker (<c>expose-fd listeners</c>), so no
/// connection is refused. See <c>roles/Haproxy/README.md</c>.
/// </remarks>
public sealed partial class HaproxyRole : RoleBase
{
    /// <summary>The handler that checks the configuration and reloads haproxy.</summary>
    public const string ReloadHandler = "reload haproxy";

    /// <summary>The runtime API socket (level admin, mode 600: root on the load balancer only).</summary>
    public const string AdminSocket = "/run/haproxy/admin.sock";

    /// <summary>The configuration file.</summary>
    public const string ConfigPath = "/etc/haproxy/haproxy.cfg";

    /// <summary>The certificate chain and key, in one file, as haproxy reads them (mode 600).</summary>
    public const string TlsBundlePath = "/etc/haproxy/tls/site.pem";

    /// <inheritdoc />
    public override string Name => "haproxy";

    /// <inheritdoc />
    public override string Folder => "Haproxy";

    /// <inheritdoc />
    public override IReadOnlyList<VariableDeclaration> VariableDeclarations => HaproxyVariables.All;

    /// <inheritdoc />
    /// <remarks>A TLS path must name a file on this machine; TLS needs both the certificate and the key, or neither; extra servers have distinct names.</remarks>
    public override IEnumerable<VariableProblem> CheckVariables(VariableSet variables, string? inventoryDirectory)
    {
        ArgumentNullException.ThrowIfNull(variables);
        foreach (var problem in TlsMaterial.Check(variables, HaproxyVariables.TlsCertificate, HaproxyVariables.TlsKey, tls => MissingLocalPath(variables, tls, inventoryDirectory, folder: false)))
        {
            yield return problem;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var extras = variables.GetMapList(HaproxyVariables.ExtraServers.Name);
        for (var i = 0; i < extras.Count; i++)
        {
            if (!seen.Add((string)extras[i]["name"]!))
            {
                yield return new VariableProblem($"{HaproxyVariables.ExtraServers.Name}[{i}].name", $"repeats the server name '{extras[i]["name"]}'", "a name no other server of the backend has", HaproxyVariables.ExtraServers.Example);
            }
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// The backend group must be a group of the inventory with hosts (unless extra servers are given), each host's name
    /// must be a valid haproxy server name, distinct from the extra servers', and a host's <c>haproxy_server_address</c>
    /// must be an address; the group must not hold the load balancer itself (haproxy would send requests back to itself).
    /// </remarks>
    public override IEnumerable<VariableProblem> CheckInventory(HostEntry host, VariableSet variables, InventoryView inventory)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(variables);
        ArgumentNullException.ThrowIfNull(inventory);
        return HaproxyInventoryCheck.Problems(host, variables, inventory);
    }

    /// <inheritdoc />
    public override void Build(RoleContext context, RoleBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(builder);
        var variables = context.Variables;
        var tls = TlsMaterial.From(context, HaproxyVariables.TlsCertificate, HaproxyVariables.TlsKey);
        var backend = HaproxyBackend.From(variables, context.Inventory);

        builder.Add(new AptPackages(["haproxy", "socat"], TimeSpan.FromSeconds(variables.GetInt(SharedVariables.AptCacheMaxAge.Name))));
        if (tls is not null)
        {
            builder
                .Add(new DirectoryResource("/etc/haproxy/tls", "0700"))
                .Add(new FileResource(TlsBundlePath, [.. tls.Certificate, .. tls.Key], "0600") { Sensitive = true, Notify = [ReloadHandler] });
        }

        builder
            .Add(new FileResource(ConfigPath, context.Render(this, "haproxy.cfg.scriban", HaproxyConfigModel.From(variables, backend, tls is not null))) { Notify = [ReloadHandler] })
            .Add(new ServiceResource("haproxy") { StartSatisfies = [ReloadHandler] });

        ShellScript reload = context.Facts.HasSystemd ? $"systemctl reload haproxy" : (ShellScript)$"service haproxy reload";
        builder.Handler(new Handler(ReloadHandler, reload) { ValidateScript = $"haproxy -c -f {ConfigPath}" });
    }
}
