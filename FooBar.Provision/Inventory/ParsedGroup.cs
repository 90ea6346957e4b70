namespace FooBar.Provision.Inventory;

/// <summary>A group as declared: its member hosts, roles and variables.</summary>
internal sealed record ParsedGroup(string Name, IReadOnlyList<string> Hosts, IReadOnlyList<string> Roles, IReadOnlyDictionary<string, object?> Vars)
{
    /// <summary>The group's own <c>transport:</c>, or null when it sets none.</summary>
    public TransportKind? Transport { get; init; }

    /// <summary>The group's own <c>kex_algorithms:</c>, or null when it sets none.</summary>
    public IReadOnlyList<string>? KexAlgorithms { get; init; }

    /// <summary>The group's <c>serial:</c> (batch size of a rolling deploy), or null.</summary>
    public BatchSize? Serial { get; init; }

    /// <summary>The group's <c>max_fail_percentage:</c>, or null.</summary>
    public int? MaxFailPercentage { get; init; }
}
