namespace FooBar.Provision.Reporting;

/// <summary>The structured result of a plan or apply: what every view (terminal, plain text, JSON) renders.</summary>
/// <param name="DryRun">True for a plan.</param>
/// <param name="Hosts">One report per host, in inventory order.</param>
/// <param name="Duration">Wall time of the whole run.</param>
public sealed record RunReport(bool DryRun, IReadOnlyList<HostReport> Hosts, TimeSpan Duration)
{
    /// <summary>The batches of a rolling deploy and why it stopped, or null when the hosts ran all at once.</summary>
    public RolloutReport? Rollout { get; init; }

    /// <summary>True when a host failed or could not be reached.</summary>
    public bool AnyFailed => Hosts.Any(h => h.Status is HostStatus.Failed or HostStatus.Unreachable);

    /// <summary>True when a plan found changes.</summary>
    public bool AnyPending => Hosts.Any(h => h.Status == HostStatus.Pending);

    /// <summary>The process exit code: 1 a host failed; 2 a plan found pending changes; 0 otherwise.</summary>
    public int ExitCode => AnyFailed ? ExitCodes.HostFailed : DryRun && AnyPending ? ExitCodes.ChangesPending : ExitCodes.Success;
}
