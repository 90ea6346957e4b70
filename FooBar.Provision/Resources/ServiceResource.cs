using FooBar.Provision.Transport;

namespace FooBar.Provision.Resources;

/// <summary>A service that must be running and enabled at boot (systemd, or plain init scripts).</summary>
/// <remarks>Reloads and restarts on change are handlers (<see cref="Planning.Handler"/>), not state.</remarks>
public sealed class ServiceResource(string service, bool running = true, bool enabled = true) : Resource
{
    /// <summary>The service (unit) name.</summary>
    public string Service { get; } = service;

    /// <summary>Whether it must run.</summary>
    public bool Running { get; } = running;

    /// <summary>Whether it must start at boot.</summary>
    public bool Enabled { get; } = enabled;

    /// <summary>Handlers that starting the service makes redundant (its restart or reload, notified by configuration
    /// written earlier in the same run): a service that starts reads that configuration anyway.</summary>
    public IReadOnlyList<string> StartSatisfies { get; init; } = [];

    /// <inheritdoc />
    public override string Kind => "service";

    /// <inheritdoc />
    public override string Name => Service;

    /// <inheritdoc />
    public override bool StalesLaterProbes => true;

    /// <inheritdoc />
    public override ShellScript ProbeScript =>
        $"if [ -d /run/systemd/system ]; then " +
        $"echo \"active $(systemctl is-active {Service} 2>/dev/null)\"; echo \"enabled $(systemctl is-enabled {Service} 2>/dev/null)\"; " +
        $"else if service {Service} status >/dev/null 2>&1; then echo 'active active'; else echo 'active inactive'; fi; " +
        $"if ls /etc/rc[2345].d/S*{Service} >/dev/null 2>&1; then echo 'enabled enabled'; else echo 'enabled disabled'; fi; fi";

    /// <inheritdoc />
    /// <remarks>All the services of a batch share two <c>systemctl</c> starts (<see cref="SystemdUnitsProbe"/>).</remarks>
    public override SharedProbe? SharedProbe => SystemdUnitsProbe.Instance;

    /// <inheritdoc cref="Resource.ProbeRunsInBatchShell" />
    internal override bool ProbeRunsInBatchShell => true;

    /// <inheritdoc />
    public override ShellScript ProbeFromShared => $"printf '%s\\n' \"$fb_shared\"";

    /// <inheritdoc />
    public override ResourceChange? Compare(ProbeResult current, PlanContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var active = Value(current, "active") == "active";
        var enabled = Value(current, "enabled") is "enabled" or "static" or "alias";
        var steps = new List<ShellScript>();
        var words = new List<string>();
        var s = Service;
        var systemd = context.Facts.HasSystemd;
        if (Enabled != enabled)
        {
            steps.Add(systemd ? $"systemctl {(Enabled ? "enable" : "disable")} {s}" : (ShellScript)$"update-rc.d {s} {(Enabled ? "defaults" : "disable")}");
            words.Add(Enabled ? "enable" : "disable");
        }

        if (Running != active)
        {
            steps.Add(systemd ? $"systemctl {(Running ? "start" : "stop")} {s}" : (ShellScript)$"service {s} {(Running ? "start" : "stop")}");
            words.Add(Running ? "start" : "stop");
        }

        if (steps.Count == 0)
        {
            return null;
        }

        ShellScript reload = systemd ? $"systemctl daemon-reload && " : ShellScript.Empty;
        return new ResourceChange(ChangeAction.Update, $"{string.Join(" and ", words)} service {Service}", RemoteActions.Run(reload + ShellScript.Join($" && ", steps), timeout: TimeSpan.FromMinutes(3)))
        {
            Satisfies = Running && !active ? StartSatisfies : [],
        };
    }

    private static string Value(ProbeResult probe, string key) =>
        probe.Lines.FirstOrDefault(l => l.StartsWith(key + " ", StringComparison.Ordinal))?[(key.Length + 1)..].Trim() ?? "";
}
