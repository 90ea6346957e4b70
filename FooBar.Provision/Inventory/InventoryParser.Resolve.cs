using FooBar.Provision.Variables;

namespace FooBar.Provision.Inventory;

/// <summary>Combining groups, roles and variables per host, and checking the variables roles require.</summary>
internal sealed partial class InventoryParser
{
    /// <summary>Each host's groups, in file order (one pass over the groups, not one per host).</summary>
    private static Dictionary<string, List<ParsedGroup>> Memberships(List<ParsedGroup> groups)
    {
        var memberships = new Dictionary<string, List<ParsedGroup>>(StringComparer.Ordinal);
        foreach (var group in groups)
        {
            foreach (var host in group.Hosts)
            {
                if (!memberships.TryGetValue(host, out var list))
                {
                    memberships[host] = list = [];
                }

                list.Add(group);
            }
        }

        return memberships;
    }

    /// <summary>
    /// Each host gets its own copy of every variable it inherits, so a file can ask for hosts × variables entries: a
    /// few hundred kilobytes of hosts and of inventory vars would make billions. Refuses more than <see cref="InventoryLimits.MaxHostVariables"/>.
    /// </summary>
    private bool WithinVariableVolume(List<ParsedHost> hosts, Dictionary<string, List<ParsedGroup>> memberships, Dictionary<string, object?> inventoryVars, IReadOnlyDictionary<string, string> overrides)
    {
        long total = 0;
        foreach (var host in hosts)
        {
            total += inventoryVars.Count + host.Vars.Count + overrides.Count;
            foreach (var group in memberships.GetValueOrDefault(host.Entry.Name) ?? [])
            {
                total += group.Vars.Count;
            }
        }

        if (total <= InventoryLimits.MaxHostVariables)
        {
            return true;
        }

        Error(
            new SourceLocation(_file, 1, 1),
            $"the inventory gives its {hosts.Count} hosts {total} variables in all (each host counts every variable it inherits), more than the limit of {InventoryLimits.MaxHostVariables}",
            "keep shared settings few, or split the inventory; a real inventory of a thousand hosts stays far below this");
        return false;
    }

    private HostEntry Resolve(ParsedHost host, IReadOnlyList<ParsedGroup> memberOf, Dictionary<string, object?> inventoryVars, IReadOnlyDictionary<string, string> overrides, TransportKind? inventoryTransport, IReadOnlyList<string>? inventoryKex)
    {
        var name = host.Entry.Name;

        var roles = new List<string>();
        foreach (var role in memberOf.SelectMany(g => g.Roles).Concat(host.Roles))
        {
            if (!roles.Contains(role, StringComparer.Ordinal))
            {
                roles.Add(role);
            }
        }

        var vars = new Dictionary<string, object?>(StringComparer.Ordinal);
        var locations = new Dictionary<string, IReadOnlyDictionary<string, SourceLocation>>(StringComparer.Ordinal);
        foreach (var layer in memberOf.Select(g => g.Vars).Prepend(inventoryVars).Append(host.Vars))
        {
            var layerLocations = _varLocations.GetValueOrDefault(layer);
            foreach (var (key, value) in layer)
            {
                vars[key] = value;
                locations[key] = layerLocations?.GetValueOrDefault(key) ?? new Dictionary<string, SourceLocation>();
            }
        }

        foreach (var (key, value) in overrides)
        {
            vars[key] = value;
            locations[key] = new Dictionary<string, SourceLocation> { [key] = new SourceLocation($"--var {key}", 0, 0) };
        }

        CheckRequired(host, roles, vars, memberOf);
        // Like variables: the host's own setting, else the last of its groups that sets one, else the inventory's.
        var transport = host.Transport ?? memberOf.LastOrDefault(g => g.Transport is not null)?.Transport ?? inventoryTransport;
        var kex = host.KexAlgorithms ?? memberOf.LastOrDefault(g => g.KexAlgorithms is not null)?.KexAlgorithms ?? inventoryKex;
        return host.Entry with
        {
            Transport = transport ?? host.Entry.Transport,
            KexAlgorithms = kex ?? host.Entry.KexAlgorithms,
            Groups = memberOf.Select(g => g.Name).ToArray(),
            Roles = roles,
            Variables = new VariableSet(vars),
            VariableLocations = locations.Values.SelectMany(l => l).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal),
        };
    }

    private void CheckRequired(ParsedHost host, List<string> roles, Dictionary<string, object?> vars, IReadOnlyList<ParsedGroup> memberOf)
    {
        var name = host.Entry.Name;
        var location = host.Entry.Location ?? new SourceLocation(_file, 0, 0);
        var groupText = memberOf.Count == 0 ? "" : $", in the vars: of group {string.Join(" or ", memberOf.Select(g => $"'{g.Name}'"))}";
        foreach (var role in roles)
        {
            foreach (var required in _knownRoles[role])
            {
                if (!vars.TryGetValue(required, out var value) || value is null)
                {
                    Error(location, $"host '{name}': role '{role}' needs variable '{required}'", $"set '{required}' in the top-level vars:{groupText}, in the vars: of host '{name}', or pass --var {required}=VALUE");
                }
            }
        }
    }
}
