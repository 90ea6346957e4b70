namespace FooBar.Provision.Inventory;

/// <summary>The bounds the loader puts on its input, so that no inventory can make it run long or eat memory.</summary>
/// <remarks>Documented in docs/inventory.md ("Limits"); every one is far above what a real inventory needs.</remarks>
internal static class InventoryLimits
{
    /// <summary>The largest inventory file, in bytes (1 MiB).</summary>
    public const int MaxFileBytes = 1024 * 1024;

    /// <summary>The deepest nesting of mappings and lists.</summary>
    public const int MaxDepth = 32;

    /// <summary>The largest secret file, in bytes (64 KiB).</summary>
    public const int MaxSecretBytes = 64 * 1024;

    /// <summary>The most variables of all hosts together, each host counting every variable it inherits (2 million).</summary>
    public const int MaxHostVariables = 2_000_000;

    /// <summary>The longest host, group or user name.</summary>
    public const int MaxNameLength = 253;

    /// <summary>The longest path (identity_file, known_hosts, a secret file).</summary>
    public const int MaxPathLength = 4096;
}
