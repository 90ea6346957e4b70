namespace FooBar.Provision.Inventory;

/// <summary>One problem found in an inventory: where, what, and what to do.</summary>
public sealed record InventoryError(SourceLocation Location, string Message, string Hint)
{
    /// <inheritdoc />
    public override string ToString() => $"{Location}: {Message}\n  hint: {Hint}";
}
