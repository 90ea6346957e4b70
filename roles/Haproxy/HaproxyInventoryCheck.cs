using FooBar.Provision.Inventory;
using FooBar.Provision.Variables;

namespace FooBar.Provision.Roles.Haproxy;

/// <summary>The haproxy role's checks against the whole inventory, before any connection.</summary>
internal static class HaproxyInventoryCheck
{
    public static IEnumerable<VariableProblem> Problems(HostEntry self, VariableSet variables, InventoryView inventory)
    {
        var groupVariable = HaproxyVariables.BackendGroup;
        var group = variables.GetStringOrNull(groupVariable.Name) is { Length: > 0 } g ? g : null;
        var extras = variables.GetMapList(HaproxyVariables.ExtraServers.Name);
        var groups = string.Join(", ", inventory.Groups.Keys.Order(StringComparer.Ordinal));
        var expected = $"a group of the inventory whose hosts are the web servers ({(groups.Length == 0 ? "this inventory has no groups" : "its groups: " + groups)})";
        if (group is not null && !inventory.Groups.ContainsKey(group) && group != "all")
        {
            yield return new VariableProblem(groupVariable.Name, $"names the group '{group}', which is not in the inventory", expected, groupVariable.Example);
            yield break;
        }

        var hosts = group is null ? [] : inventory.HostsOf(group);
        if (hosts.Count == 0 && extras.Count == 0)
        {
            var what = group is null ? "is empty and haproxy_extra_servers lists no server" : $"names the group '{group}', which has no hosts";
            yield return new VariableProblem(groupVariable.Name, $"{what}: the backend would have no server", expected, groupVariable.Example);
            yield break;
        }

        var extraNames = extras.Select(e => (string)e["name"]!).ToHashSet(StringComparer.Ordinal);
        var port = variables.GetInt(HaproxyVariables.BackendPort.Name);
        var tls = variables.GetStringOrNull(HaproxyVariables.TlsCertificate.Name) is { Length: > 0 };
        foreach (var host in hosts)
        {
            if (host.Name == self.Name && (port == 80 || (tls && port == 443)))
            {
                yield return new VariableProblem(groupVariable.Name, $"names the group '{group}', which holds this load balancer '{self.Name}' itself: haproxy would send the requests it takes on port {port} back to itself", "a group of the web servers only, not of the load balancers", groupVariable.Example);
            }

            if (!HaproxyVariables.ServerNamePattern.IsMatch(host.Name))
            {
                yield return new VariableProblem(groupVariable.Name, $"names the group '{group}', whose host '{host.Name}' cannot be a haproxy server name (the server name is the host's name)", "hosts named with letters, digits and _ . : - only (at most 64 characters)", groupVariable.Example);
            }

            if (extraNames.Contains(host.Name))
            {
                yield return new VariableProblem(HaproxyVariables.ExtraServers.Name, $"has a server named '{host.Name}', as the host '{host.Name}' of group '{group}'", "names no host of the backend group has", HaproxyVariables.ExtraServers.Example);
            }

            if (host.Variables.TryGetValue(HaproxyVariables.ServerAddress.Name, out var address))
            {
                var problems = new List<VariableProblem>();
                VariableChecks.One(HaproxyVariables.ServerAddress, address, HaproxyVariables.ServerAddress.Name, problems);
                foreach (var problem in problems)
                {
                    yield return problem with { Path = groupVariable.Name, Problem = $"names the group '{group}', whose host '{host.Name}' sets {HaproxyVariables.ServerAddress.Name} that {problem.Problem}" };
                }
            }
        }
    }
}
