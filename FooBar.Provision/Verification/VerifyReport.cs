using FooBar.Provision.Reporting;

namespace FooBar.Provision.Verification;

/// <summary>The structured result of <c>provision verify</c>: what the text and JSON views render.</summary>
/// <param name="Hosts">One entry per selected host, in inventory order.</param>
/// <param name="Duration">Wall time of the whole run.</param>
public sealed record VerifyReport(IReadOnlyList<HostVerification> Hosts, TimeSpan Duration)
{
    /// <summary>One check per selected database replica (hosts whose <c>mysql_primary</c> names another host), in inventory order.</summary>
    public IReadOnlyList<ReplicationCheck> Replication { get; init; } = [];

    /// <summary>Every check, host by host.</summary>
    public IReadOnlyList<SiteCheck> Checks => Hosts.SelectMany(h => h.Checks).ToArray();

    /// <summary>Checks that passed.</summary>
    public int PassedCount => Hosts.Sum(h => h.Checks.Count(c => c.Passed));

    /// <summary>Checks that failed.</summary>
    public int FailedCount => Hosts.Sum(h => h.Checks.Count(c => !c.Passed));

    /// <summary>Hosts that were skipped.</summary>
    public int SkippedCount => Hosts.Count(h => h.Skipped);

    /// <summary>True when a check failed (a site check or a replica's).</summary>
    public bool AnyFailed => FailedCount > 0 || Replication.Any(r => !r.Passed);

    /// <summary>The process exit code: <see cref="ExitCodes.HostFailed"/> when a check failed, else <see cref="ExitCodes.Success"/>.</summary>
    public int ExitCode => AnyFailed ? ExitCodes.HostFailed : ExitCodes.Success;
}
