namespace FooBar.Provision.Roles;

/// <summary>A role: given a host's facts and variables, the ordered resources and the handlers that converge it.</summary>
/// <remarks>Implement it (or derive from <see cref="RoleBase"/>) and register it in a <see cref="RoleCatalog"/>.</remarks>
public interface IRole
{
    /// <summary>The name used in inventories (<c>nginx</c>, <c>app-files</c>).</summary>
    string Name { get; }

    /// <summary>Default values of the role's variables (the lowest precedence).</summary>
    IReadOnlyDictionary<string, object?> Defaults { get; }

    /// <summary>Variables that have no default and must be set in the inventory.</summary>
    IReadOnlyList<string> RequiredVariables { get; }

    /// <summary>Adds the role's resources (in order) and handlers to <paramref name="builder"/>.</summary>
    void Build(RoleContext context, RoleBuilder builder);
}
