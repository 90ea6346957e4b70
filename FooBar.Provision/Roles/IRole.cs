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

    /// <summary>Problems between this host and the others of the inventory (an empty backend group, two hosts with one identity), checked before any connection.</summary>
    /// <param name="host">The host the role is checked for.</param>
    /// <param name="variables">The host's variables, each already checked against its declaration and typed.</param>
    /// <param name="inventory">The whole inventory, whatever <c>--limit</c> or <c>--slice</c> selected.</param>
    /// <remarks>
    /// Run by <c>provision check</c>, plan and apply with the other variable checks (a problem exits 3 before any host
    /// is contacted), only when every variable of the host passed its own rule and <see cref="CheckVariables"/>. A
    /// problem's <see cref="Variables.VariableProblem.Path"/> names the variable to fix. The default finds nothing.
    /// </remarks>
    IEnumerable<Variables.VariableProblem> CheckInventory(Inventory.HostEntry host, Variables.VariableSet variables, Inventory.InventoryView inventory) => [];

    /// <summary>Default values of the role's variables (the lowest precedence).</summary>
    IReadOnlyDictionary<string, object?> Defaults { get; }

    /// <summary>Variables that have no default and must be set in the inventory.</summary>
    IReadOnlyList<string> RequiredVariables { get; }

    /// <summary>Adds the role's resources (in order) and handlers to <paramref name="builder"/>.</summary>
    void Build(RoleContext context, RoleBuilder builder);
}
