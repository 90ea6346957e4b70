using FooBar.Provision.Inventory;
using FooBar.Provision.Planning;

namespace FooBar.Provision.Rolling;

/// <summary>Cuts the selected hosts into batches: <c>--serial</c> over all of them, else each group's <c>serial:</c>.</summary>
internal static class RolloutPlanner
{
    /// <summary>The batches, in the order they run; one batch (not rolling) when no serial applies.</summary>
    /// <remarks>
    /// With a serial from the command line every selected host is in its batches, in inventory order. Otherwise the hosts
    /// of no group with a <c>serial:</c> run first, all at once (databases and load balancers before the web servers they
    /// serve), then each such group's hosts in batches, groups in inventory order (a host in two goes with the first).
    /// </remarks>
    public static IReadOnlyList<Batch> Plan(IReadOnlyList<HostEntry> hosts, InventoryView inventory, RunOptions options)
    {
        if (options.Serial is { } serial)
        {
            var maxFail = options.MaxFailPercentage ?? hosts.SelectMany(h => h.Groups).Select(g => inventory.Rollouts.GetValueOrDefault(g)?.MaxFailPercentage).Where(m => m is not null).Min() ?? 0;
            return Number(serial.Split(hosts).Select(b => (Group: (string?)null, Hosts: b, MaxFail: maxFail, Rolling: true)));
        }

        var assigned = new HashSet<string>(StringComparer.Ordinal);
        var rolling = new List<(string? Group, IReadOnlyList<HostEntry> Hosts, int MaxFail, bool Rolling)>();
        foreach (var (group, rollout) in inventory.Groups.Keys.Select(g => (g, inventory.Rollouts.GetValueOrDefault(g))))
        {
            if (rollout?.Serial is not { } size)
            {
                continue;
            }

            var members = inventory.Groups[group].ToHashSet(StringComparer.Ordinal);
            var mine = hosts.Where(h => members.Contains(h.Name) && assigned.Add(h.Name)).ToArray();
            rolling.AddRange(size.Split(mine).Select(b => ((string?)group, b, options.MaxFailPercentage ?? rollout.MaxFailPercentage, true)));
        }

        var rest = hosts.Where(h => !assigned.Contains(h.Name)).ToArray();
        if (rolling.Count == 0)
        {
            return [new Batch(1, null, hosts, options.MaxFailPercentage ?? 100, Rolling: false)];
        }

        var first = rest.Length == 0 ? [] : new[] { ((string?)null, (IReadOnlyList<HostEntry>)rest, options.MaxFailPercentage ?? 0, false) };
        return Number(first.Concat(rolling));
    }

    private static Batch[] Number(IEnumerable<(string? Group, IReadOnlyList<HostEntry> Hosts, int MaxFail, bool Rolling)> batches) =>
        batches.Select((b, i) => new Batch(i + 1, b.Group, b.Hosts, b.MaxFail, b.Rolling)).ToArray();
}
