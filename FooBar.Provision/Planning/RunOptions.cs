namespace FooBar.Provision.Planning;

/// <summary>How a run goes.</summary>
public sealed record RunOptions
{
    /// <summary>Plan only: probes go out, nothing is written.</summary>
    public bool DryRun { get; init; }

    /// <summary>Hosts worked on at once.</summary>
    public int Forks { get; init; } = 10;

    /// <summary>Only these roles (of each host's own list), or null for all.</summary>
    public IReadOnlyList<string>? Roles { get; init; }

    /// <summary>The inventory's directory (template overrides and relative paths).</summary>
    public string InventoryDirectory { get; init; } = ".";
}
