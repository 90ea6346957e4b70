namespace FooBar.Provision.Roles;

/// <summary>The roles an engine knows by name: the built-in ones and a user's own.</summary>
public sealed class RoleCatalog
{
    private readonly Dictionary<string, IRole> _roles = new(StringComparer.Ordinal);

    /// <summary>Creates a catalog with the given roles.</summary>
    public RoleCatalog(IEnumerable<IRole> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        foreach (var role in roles)
        {
            Add(role);
        }
    }

    /// <summary>The known roles by name.</summary>
    public IReadOnlyDictionary<string, IRole> Roles => _roles;

    /// <summary>Adds (or replaces) a role.</summary>
    public RoleCatalog Add(IRole role)
    {
        ArgumentNullException.ThrowIfNull(role);
        _roles[role.Name] = role;
        return this;
    }

    /// <summary>Each role's required variables, for inventory validation.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Requirements() =>
        _roles.ToDictionary(kv => kv.Key, kv => kv.Value.RequiredVariables, StringComparer.Ordinal);

    /// <summary>The variables a host's roles see: the roles' defaults (a later role's win) under the host's variables.</summary>
    /// <param name="host">The host.</param>
    /// <param name="roles">Only these of the host's roles (<c>--roles</c>), or null for all.</param>
    public Variables.VariableSet VariablesFor(Inventory.HostEntry host, IReadOnlyList<string>? roles = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        var defaults = RolesOf(host, roles).SelectMany(r => r.Defaults).GroupBy(kv => kv.Key).Select(g => g.Last());
        return new Variables.VariableSet(defaults).Merge(host.Variables);
    }

    /// <summary>The host's roles, in order, limited to <paramref name="roles"/> when given.</summary>
    public IReadOnlyList<IRole> RolesOf(Inventory.HostEntry host, IReadOnlyList<string>? roles = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        return host.Roles.Where(r => roles is null || roles.Contains(r)).Select(Get).ToArray();
    }

    /// <summary>The role called <paramref name="name"/>.</summary>
    public IRole Get(string name) =>
        _roles.TryGetValue(name, out var role) ? role : throw new ProvisionException($"unknown role '{name}'", $"known roles: {string.Join(", ", _roles.Keys.Order())}");
}
