namespace FooBar.Provision.Inventory;

/// <summary>A host as declared, before group membership, roles and variables are combined.</summary>
internal sealed record ParsedHost(HostEntry Entry, IReadOnlyList<string> Roles, IReadOnlyDictionary<string, object?> Vars);
