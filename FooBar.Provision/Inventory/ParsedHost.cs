namespace FooBar.Provision.Inventory;

/// <summary>A host as declared, before group membership, roles and variables are combined.</summary>
internal sealed record ParsedHost(HostEntry Entry, IReadOnlyList<string> Roles, IReadOnlyDictionary<string, object?> Vars)
{
    /// <summary>The host's own <c>transport:</c>, or null when it sets none.</summary>
    public TransportKind? Transport { get; init; }

    /// <summary>The host's own <c>kex_algorithms:</c>, or null when it sets none.</summary>
    public IReadOnlyList<string>? KexAlgorithms { get; init; }
}
