using FooBar.Provision.Facts;

namespace FooBar.Provision.Reporting;

/// <summary>Everything that happened on one host.</summary>
/// <param name="Host">The inventory name.</param>
/// <param name="Status">The outcome.</param>
/// <param name="Facts">The facts, when they were gathered.</param>
/// <param name="Resources">Every resource, in order.</param>
/// <param name="Handlers">The handlers that ran.</param>
/// <param name="RoundTrips">Commands sent to the host (SSH round trips).</param>
/// <param name="Duration">Wall time for the host.</param>
/// <param name="Error">Why the host failed (secrets masked), or null.</param>
public sealed record HostReport(string Host, HostStatus Status, HostFacts? Facts, IReadOnlyList<ResourceReport> Resources, IReadOnlyList<HandlerReport> Handlers, int RoundTrips, TimeSpan Duration, string? Error = null)
{
    /// <summary>Resources already in state.</summary>
    public int OkCount => Resources.Count(r => r.Status == ResourceStatus.Ok);

    /// <summary>Resources changed by apply.</summary>
    public int ChangedCount => Resources.Count(r => r.Status == ResourceStatus.Changed);

    /// <summary>Changes a plan found, and handlers still owed by an interrupted apply.</summary>
    public int PendingCount => Resources.Count(r => r.Status == ResourceStatus.Pending) + Handlers.Count(h => h.Status == ResourceStatus.Pending);

    /// <summary>What the user should know about the host beyond its resources (an apply holding it during a plan), or empty.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>The batch of a rolling deploy the host was in (1 for the first), or null when the run had no batches.</summary>
    public int? Batch { get; init; }

    /// <summary>The release the host runs after the run (the release id its <c>current</c> link points at), or null when it has none or it is unknown.</summary>
    /// <remarks>Read from the run's own probes and changes: no extra round trip. After a plan it is the release the host runs now.</remarks>
    public string? Release { get; init; }

    /// <summary>What the load balancers in front of the host did during a rolling apply (drained, back in rotation, left in maintenance), or empty.</summary>
    public IReadOnlyList<RotationReport> Rotation { get; init; } = [];

    /// <summary>Failed resources and handlers.</summary>
    public int FailedCount => Resources.Count(r => r.Status == ResourceStatus.Failed) + Handlers.Count(h => h.Status == ResourceStatus.Failed);

    /// <summary>Resources not reached.</summary>
    public int SkippedCount => Resources.Count(r => r.Status == ResourceStatus.Skipped);
}
