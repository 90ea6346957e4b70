namespace FooBar.Provision.Inventory;

/// <summary>The inventory (or the variables given with it) is invalid; nothing was contacted.</summary>
public sealed class InventoryException(IReadOnlyList<InventoryError> errors)
    : ProvisionException(string.Join(Environment.NewLine, errors.Select(e => e.ToString())), errors.FirstOrDefault()?.Hint)
{
    /// <summary>Every problem found (validation reports all it can, not only the first).</summary>
    public IReadOnlyList<InventoryError> Errors { get; } = errors;
}
