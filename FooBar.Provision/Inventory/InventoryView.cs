namespace FooBar.Provision.Inventory;

/// <summary>The whole inventory as a role sees it, whatever <c>--limit</c>, <c>--slice</c> or <c>--serial</c> selected (Ansible's <c>groups</c> and <c>hostvars</c>).</summary>
/// <remarks>
/// A load balancer's role lists the hosts of its backend group here even when only the load balancer runs; a peer is
/// reached at its <see cref="HostEntry.Address"/>. Each entry carries the peer's inventory variables (after precedence,
/// without role defaults). Built for one host alone (<see cref="Of"/>), it holds just that host.
/// </remarks>
public sealed class InventoryView
{
    private readonly Dictionary<string, HostEntry> _byName;

    /// <summary>A view of <paramref name="hosts"/> (inventory order) and <paramref name="groups"/> (group name to member host names).</summary>
    /// <exception cref="ArgumentException">Two hosts share a name.</exception>
    public InventoryView(IEnumerable<HostEntry> hosts, IReadOnlyDictionary<string, IReadOnlyList<string>> groups)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        ArgumentNullException.ThrowIfNull(groups);
        Hosts = hosts.ToArray();
        _byName = new Dictionary<string, HostEntry>(StringComparer.Ordinal);
        foreach (var host in Hosts)
        {
            if (!_byName.TryAdd(host.Name, host))
            {
                throw new ArgumentException($"two hosts are named '{host.Name}'", nameof(hosts));
            }
        }

        Groups = groups.ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Value.ToArray(), StringComparer.Ordinal);
    }

    /// <summary>A view of <paramref name="hosts"/> whose groups are read from each host's <see cref="HostEntry.Groups"/>.</summary>
    /// <exception cref="ArgumentException">Two hosts share a name.</exception>
    public InventoryView(IEnumerable<HostEntry> hosts)
        : this(hosts?.ToArray() ?? throw new ArgumentNullException(nameof(hosts)), GroupsOf(hosts))
    {
    }

    /// <summary>Every host of the inventory, in inventory order.</summary>
    public IReadOnlyList<HostEntry> Hosts { get; }

    /// <summary>Group name to member host names, in inventory order.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Groups { get; }

    /// <summary>The groups that set <c>serial:</c> or <c>max_fail_percentage:</c>, by name: how their hosts roll out (docs/rolling-deploys.md).</summary>
    public IReadOnlyDictionary<string, GroupRollout> Rollouts { get; init; } = new Dictionary<string, GroupRollout>();

    /// <summary>The view of a loaded inventory: all its hosts and groups.</summary>
    public static InventoryView From(InventoryModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new InventoryView(model.Hosts, model.Groups) { Rollouts = model.Rollouts };
    }

    /// <summary>A view that holds <paramref name="host"/> alone (with its own groups).</summary>
    public static InventoryView Of(HostEntry host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return new InventoryView([host]);
    }

    /// <summary>The hosts of <paramref name="group"/>, in inventory order; empty when no such group exists.</summary>
    /// <remarks><c>all</c> names every host, unless the inventory declares a group of that name.</remarks>
    public IReadOnlyList<HostEntry> HostsOf(string group)
    {
        ArgumentNullException.ThrowIfNull(group);
        if (Groups.TryGetValue(group, out var names))
        {
            var members = names.ToHashSet(StringComparer.Ordinal);
            return Hosts.Where(h => members.Contains(h.Name)).ToArray();
        }

        return group == "all" ? Hosts : [];
    }

    /// <summary>The host called <paramref name="name"/>, or null.</summary>
    public HostEntry? Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _byName.GetValueOrDefault(name);
    }

    /// <summary>The view with <paramref name="host"/> in place of the host of the same name (or added at the end), its groups kept.</summary>
    /// <remarks>What the engine does for the host a role runs on: its entry may carry more than the inventory's (<c>~/.ssh/config</c>, <c>--transport</c>).</remarks>
    public InventoryView With(HostEntry host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var hosts = _byName.ContainsKey(host.Name) ? Hosts.Select(h => h.Name == host.Name ? host : h) : Hosts.Append(host);
        var groups = Groups.ToDictionary(g => g.Key, g => g.Value, StringComparer.Ordinal);
        foreach (var group in host.Groups.Where(g => !groups.TryGetValue(g, out var members) || !members.Contains(host.Name)))
        {
            groups[group] = [.. groups.GetValueOrDefault(group) ?? [], host.Name];
        }

        return new InventoryView(hosts, groups) { Rollouts = Rollouts };
    }

    /// <summary>This view when it holds a host named as <paramref name="host"/>, else the view with it added.</summary>
    internal InventoryView Including(HostEntry host) => _byName.ContainsKey(host.Name) ? this : With(host);

    private static Dictionary<string, IReadOnlyList<string>> GroupsOf(IEnumerable<HostEntry> hosts)
    {
        var groups = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var host in hosts)
        {
            foreach (var group in host.Groups)
            {
                groups[group] = [.. groups.GetValueOrDefault(group) ?? [], host.Name];
            }
        }

        return groups;
    }
}
