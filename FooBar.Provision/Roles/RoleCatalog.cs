namespace FooBar.Provision.Roles;

/// <summary>The roles an engine knows by name: the built-in ones and a user's own.</summary>
public sealed partial class RoleCatalog
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
