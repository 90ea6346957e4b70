using FooBar.Provision.Inventory;
using FooBar.Provision.Variables;

namespace FooBar.Provision.Roles.Keepalived;

/// <summary>Where a host stands among the hosts that share the virtual IP: its group, its position, its priority and its peers.</summary>
/// <param name="Group">The group (<c>keepalived_group</c>, else the host's first group), or null when the host is in none.</param>
/// <param name="Members">The group's hosts in inventory order (the host alone when it has no group).</param>
/// <param name="Position">The host's index among <paramref name="Members"/>, or -1 when the group does not hold it.</param>
internal sealed record KeepalivedPeers(string? Group, IReadOnlyList<HostEntry> Members, int Position)
{
    /// <summary>The priority of the first host; each next host gets 10 less.</summary>
    public const int FirstPriority = 200;

    /// <summary>How many hosts can take a derived priority (200 down to 10).</summary>
    public const int MaxDerived = 20;

    public static KeepalivedPeers Of(HostEntry host, VariableSet variables, InventoryView inventory)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(variables);
        ArgumentNullException.ThrowIfNull(inventory);
        var group = variables.GetStringOrNull(KeepalivedVariables.Group.Name) is { Length: > 0 } named ? named : host.Groups.FirstOrDefault();
        if (group is null)
        {
            return new KeepalivedPeers(null, [host], 0);
        }

        var members = inventory.HostsOf(group);
        return new KeepalivedPeers(group, members, members.Select(m => m.Name).ToList().IndexOf(host.Name));
    }

    /// <summary>The priority of the member at <paramref name="index"/>: its own <c>keepalived_priority</c>, else derived from its position.</summary>
    /// <param name="index">The member's index.</param>
    /// <param name="own">The checked variables of the member when it is the host being built (its value is typed), else null (the peer's inventory value is read).</param>
    public long PriorityOf(int index, VariableSet? own = null)
    {
        var value = own is not null ? own.GetValueOrDefault(KeepalivedVariables.Priority.Name) : Members[index].Variables.GetValueOrDefault(KeepalivedVariables.Priority.Name);
        return value switch
        {
            long number => number,
            string text when long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) => number,
            _ => Math.Max(1, FirstPriority - (10L * index)),
        };
    }

    /// <summary>True when the member at <paramref name="index"/> sets its own priority.</summary>
    public bool SetsPriority(int index, VariableSet? own = null) =>
        (own ?? Members[index].Variables).GetValueOrDefault(KeepalivedVariables.Priority.Name) is not (null or "");

    /// <summary>Where the member at <paramref name="index"/> is reached: its <c>keepalived_address</c>, else its inventory address.</summary>
    public string AddressOf(int index) =>
        Members[index].Variables.GetValueOrDefault(KeepalivedVariables.Address.Name) is string { Length: > 0 } address ? address : Members[index].Address;
}
