using FooBar.Provision.Inventory;
using FooBar.Provision.Planning;
using FooBar.Provision.Resources;
using FooBar.Provision.Transport;
using FooBar.Provision.Variables;

namespace FooBar.Provision.Roles.Keepalived;

/// <summary>
/// keepalived holding a virtual IP address for a group of hosts (VRRP): the highest priority holds it, a backup takes it
/// over within a few seconds when that host dies or when the tracked service (haproxy) stops on it.
/// </summary>
/// <remarks>
/// Priorities follow the host's position in its group unless set; peers are found by multicast, or by unicast to the
/// other hosts of the group. The configuration notifies <c>reload keepalived</c>, which runs <c>keepalived -t</c> on it
/// first: when it is invalid the engine puts the previous file back and keepalived keeps running the old one. See
/// <c>roles/Keepalived/README.md</c>.
/// </remarks>
public sealed class KeepalivedRole : RoleBase
{
    /// <summary>The handler that checks the configuration and reloads keepalived.</summary>
    public const string ReloadHandler = "reload keepalived";

    /// <summary>The configuration file (mode 600: it may hold the VRRP password).</summary>
    public const string ConfigPath = "/etc/keepalived/keepalived.conf";

    /// <inheritdoc />
    public override string Name => "keepalived";

    /// <inheritdoc />
    public override string Folder => "Keepalived";

    /// <inheritdoc />
    public override IReadOnlyList<VariableDeclaration> VariableDeclarations => KeepalivedVariables.All;

    /// <inheritdoc />
    /// <remarks>
    /// The group must hold the host; the hosts of the group share one virtual IP and router id and have distinct
    /// priorities; with unicast, every host of the group has an IP address of the virtual IP's family.
    /// </remarks>
    public override IEnumerable<VariableProblem> CheckInventory(HostEntry host, VariableSet variables, InventoryView inventory) =>
        KeepalivedInventoryCheck.Problems(host, variables, inventory);

    /// <inheritdoc />
    public override void Build(RoleContext context, RoleBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(builder);
        var variables = context.Variables;
        var peers = KeepalivedPeers.Of(context.Host, variables, context.Inventory);
        builder
            .Add(new AptPackages(["keepalived"], TimeSpan.FromSeconds(variables.GetInt(SharedVariables.AptCacheMaxAge.Name))))
            .Add(new DirectoryResource("/etc/keepalived", "0755"))
            .Add(new FileResource(ConfigPath, context.Render(this, "keepalived.conf.scriban", Model(context, peers)), "0600") { Notify = [ReloadHandler] })
            .Add(new ServiceResource("keepalived") { StartSatisfies = [ReloadHandler] });

        ShellScript reload = context.Facts.HasSystemd ? $"systemctl reload keepalived" : (ShellScript)$"service keepalived reload";
        builder.Handler(new Handler(ReloadHandler, reload) { ValidateScript = $"keepalived -t -f {ConfigPath}" });
    }

    private static Dictionary<string, object?> Model(RoleContext context, KeepalivedPeers peers)
    {
        var variables = context.Variables;
        var position = Math.Max(0, peers.Position);
        var unicast = variables.GetBool(KeepalivedVariables.Unicast.Name);
        var track = variables.GetStringOrNull(KeepalivedVariables.TrackService.Name) is { Length: > 0 } service ? service : null;
        return new Dictionary<string, object?>
        {
            ["state"] = variables.GetBool(KeepalivedVariables.Preempt.Name) && position == 0 ? "MASTER" : "BACKUP",
            ["priority"] = peers.PriorityOf(position, variables),
            ["unicast_source"] = unicast ? variables.GetStringOrNull(KeepalivedVariables.Address.Name) is { Length: > 0 } own ? own : context.Host.Address : null,
            ["unicast_peers"] = unicast ? Enumerable.Range(0, peers.Members.Count).Where(i => i != peers.Position).Select(peers.AddressOf).ToArray() : Array.Empty<string>(),
            ["track_service"] = track,
            ["track_command"] = track is null ? null : context.Facts.HasSystemd ? $"/usr/bin/systemctl is-active --quiet {track}" : $"/bin/pidof {track}",
            ["auth"] = variables.GetStringOrNull(KeepalivedVariables.AuthPass.Name) is { Length: > 0 },
        };
    }
}
