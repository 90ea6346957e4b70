using FooBar.Provision.Inventory;

namespace FooBar.Provision.Rolling;

/// <summary>One batch of a run: hosts that converge together.</summary>
/// <param name="Number">1 for the first.</param>
/// <param name="Group">The group whose serial made it, or null.</param>
/// <param name="Hosts">Its hosts, in inventory order.</param>
/// <param name="MaxFailPercentage">The share of its hosts that may fail before the rollout stops.</param>
/// <param name="Rolling">True when a serial made it (its hosts are drained on their load balancers); false for hosts that run all at once.</param>
internal sealed record Batch(int Number, string? Group, IReadOnlyList<HostEntry> Hosts, int MaxFailPercentage, bool Rolling)
{
    /// <summary>True when <paramref name="failed"/> hosts of the batch are more than its <see cref="MaxFailPercentage"/> allows.</summary>
    public bool StopsAt(int failed) => failed > 0 && failed * 100L > MaxFailPercentage * (long)Hosts.Count;
}
