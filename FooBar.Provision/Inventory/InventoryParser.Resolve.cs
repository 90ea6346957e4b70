using FooBar.Provision.Variables;

namespace FooBar.Provision.Inventory;

/// <summary>Combining groups, roles and variables per host, and checking the variables roles require.</summary>
internal sealed partial class InventoryParser
{
    private HostEntry Resolve(ParsedHost host, List<ParsedGroup> groups, Dictionary<string, object?> inventoryVars, IReadOnlyDictionary<string, string> overrides)
    {
        var name = host.Entry.Name;
        var memberOf = groups.Where(g => g.Hosts.Contains(name, StringComparer.Ordinal)).ToArray();

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
        return host.Entry with
        {
            Groups = memberOf.Select(g => g.Name).ToArray(),
            Roles = roles,
            Variables = new VariableSet(vars),
            VariableLocations = locations.Values.SelectMany(l => l).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal),
        };
    }

    private void CheckRequired(ParsedHost host, List<string> roles, Dictionary<string, object?> vars, ParsedGroup[] memberOf)
    {
        var name = host.Entry.Name;
        var location = host.Entry.Location ?? new SourceLocation(_file, 0, 0);
        var groupText = memberOf.Length == 0 ? "" : $", in the vars: of group {string.Join(" or ", memberOf.Select(g => $"'{g.Name}'"))}";
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
