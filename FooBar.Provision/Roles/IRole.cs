namespace FooBar.Provision.Roles;

/// <summary>A role: given a host's facts and variables, the ordered resources and the handlers that converge it.</summary>
/// <remarks>Implement it (or derive from <see cref="RoleBase"/>) and register it in a <see cref="RoleCatalog"/>.</remarks>
public interface IRole
{
    /// <summary>The name used in inventories (<c>nginx</c>, <c>app-files</c>).</summary>
    string Name { get; }

    /// <summary>Every variable the role reads: rule, default, description (checked before any connection).</summary>
    /// <remarks>
    /// The engine validates each host's values against these before it contacts the host, and hands <see cref="Build"/>
    /// the typed values (numbers as <see cref="long"/>, booleans as <see cref="bool"/>, lists, records). A role that
    /// declares nothing (the default) gets its variables unchecked.
    /// </remarks>
    IReadOnlyList<Variables.VariableDeclaration> VariableDeclarations => [];

    /// <summary>Problems among several variables together (two settings that must come as a pair, duplicate entries), checked before any connection.</summary>
    /// <param name="variables">The host's variables, each already checked against its declaration and typed.</param>
    /// <param name="inventoryDirectory">The inventory's directory, where relative local paths start (to check that a file a variable names exists on this machine); null when unknown.</param>
    /// <remarks>Called only when every declared variable passed its own rule. The default finds nothing.</remarks>
    IEnumerable<Variables.VariableProblem> CheckVariables(Variables.VariableSet variables, string? inventoryDirectory) => [];

    /// <summary>Default values of the role's variables (the lowest precedence).</summary>
    IReadOnlyDictionary<string, object?> Defaults { get; }

    /// <summary>Variables that have no default and must be set in the inventory.</summary>
    IReadOnlyList<string> RequiredVariables { get; }

    /// <summary>Adds the role's resources (in order) and handlers to <paramref name="builder"/>.</summary>
    void Build(RoleContext context, RoleBuilder builder);
}
