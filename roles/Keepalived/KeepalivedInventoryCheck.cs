using FooBar.Provision.Inventory;
using FooBar.Provision.Variables;
using FooBar.Provision.Variables.Rules;

namespace FooBar.Provision.Roles.Keepalived;

/// <summary>The keepalived role's checks against the whole inventory, before any connection.</summary>
internal static class KeepalivedInventoryCheck
{
    public static IEnumerable<VariableProblem> Problems(HostEntry host, VariableSet variables, InventoryView inventory)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(variables);
        ArgumentNullException.ThrowIfNull(inventory);
        var peers = KeepalivedPeers.Of(host, variables, inventory);
        var group = KeepalivedVariables.Group;
        if (host.Groups.Count > 1 && variables.GetStringOrNull(group.Name) is null or "")
        {
            // Group vars merge: with two groups that each set a virtual IP, one would silently win on this host.
            yield return new VariableProblem(group.Name, $"is not set, and host '{host.Name}' is in groups {string.Join(", ", host.Groups)}: which of them shares its virtual IP is not clear (the first, '{peers.Group}', would)", "the group of the hosts that share the virtual IP, set on this host", group.Example);
            yield break;
        }

        if (peers.Position < 0)
        {
            var what = inventory.Groups.ContainsKey(peers.Group!) ? $"names the group '{peers.Group}', which does not hold host '{host.Name}'" : $"names the group '{peers.Group}', which is not in the inventory";
            yield return new VariableProblem(group.Name, what, $"a group that holds this host and the other hosts that share the virtual IP (this host's groups: {string.Join(", ", host.Groups.DefaultIfEmpty("none"))})", group.Example);
            yield break;
        }

        var vip = variables.GetString(KeepalivedVariables.Vip.Name);
        var routerId = variables.GetInt(KeepalivedVariables.RouterId.Name);
        var shared = $"the same value on every host of group '{peers.Group}'";
        var priority = KeepalivedVariables.Priority;
        if (!peers.SetsPriority(peers.Position, variables) && peers.Position >= KeepalivedPeers.MaxDerived)
        {
            yield return new VariableProblem(priority.Name, $"is not set, and host '{host.Name}' is number {peers.Position + 1} of group '{peers.Group}': only the first {KeepalivedPeers.MaxDerived} get a derived priority", priority.Rule.Expected, "100");
        }

        var mine = peers.PriorityOf(peers.Position, variables);
        var unicast = variables.GetBool(KeepalivedVariables.Unicast.Name);
        var v6 = KeepalivedVariables.AddressPart(vip).Contains(':', StringComparison.Ordinal);
        for (var i = 0; i < peers.Members.Count; i++)
        {
            var peer = peers.Members[i];
            if (i == peers.Position)
            {
                continue;
            }

            if (peer.Variables.GetValueOrDefault(KeepalivedVariables.Vip.Name) is string theirs && theirs != vip)
            {
                yield return new VariableProblem(KeepalivedVariables.Vip.Name, $"is {vip}, but host '{peer.Name}' of group '{peers.Group}' has {theirs}", shared, vip);
            }

            if (peer.Variables.GetValueOrDefault(KeepalivedVariables.RouterId.Name) is { } id && id.ToString() != routerId.ToString(System.Globalization.CultureInfo.InvariantCulture))
            {
                yield return new VariableProblem(KeepalivedVariables.RouterId.Name, $"is {routerId}, but host '{peer.Name}' of group '{peers.Group}' has {id}", shared, routerId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            if (peers.PriorityOf(i) == mine)
            {
                yield return new VariableProblem(priority.Name, $"gives host '{host.Name}' the priority {mine}, as host '{peer.Name}' of group '{peers.Group}' has", "a priority no other host of the group has (or unset everywhere: derived from the order of the group)", "100");
            }
        }

        var vipAddress = KeepalivedVariables.AddressPart(vip);
        for (var i = 0; i < peers.Members.Count; i++)
        {
            var member = peers.Members[i];
            var own = i == peers.Position && variables.GetStringOrNull(KeepalivedVariables.Address.Name) is { Length: > 0 } ownAddress ? ownAddress : peers.AddressOf(i);
            if (SameAddress(member.Address, vipAddress) || SameAddress(own, vipAddress))
            {
                yield return new VariableProblem(KeepalivedVariables.Vip.Name, $"is {vip}, but {vipAddress} is already the address of host '{member.Name}' of group '{peers.Group}': the backup would take that host's own address", "an address of the segment that no host has (the virtual IP moves between them)", "10.99.200.100/24");
            }
        }

        if (unicast)
        {
            for (var i = 0; i < peers.Members.Count; i++)
            {
                var address = i == peers.Position && variables.GetStringOrNull(KeepalivedVariables.Address.Name) is { Length: > 0 } own ? own : peers.AddressOf(i);
                if (!HostNames.IsIpAddress(address) || address.Contains(':', StringComparison.Ordinal) != v6)
                {
                    var family = v6 ? "IPv6" : "IPv4";
                    yield return new VariableProblem(KeepalivedVariables.Unicast.Name, $"is on, but host '{peers.Members[i].Name}' would be reached at {VariableText.Show(address)}, not an {family} address like keepalived_vip", $"keepalived_address: the {family} address of each host of group '{peers.Group}' on keepalived_interface", KeepalivedVariables.Address.Example);
                }
            }
        }
    }

    private static bool SameAddress(string text, string address) =>
        HostNames.IsIpAddress(text) && System.Net.IPAddress.Parse(text).Equals(System.Net.IPAddress.Parse(address));
}
