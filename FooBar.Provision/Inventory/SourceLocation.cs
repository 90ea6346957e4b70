namespace FooBar.Provision.Inventory;

/// <summary>A place in an inventory file, for error messages.</summary>
public sealed record SourceLocation(string File, int Line, int Column)
{
    /// <inheritdoc />
    public override string ToString() => $"{File}:{Line}:{Column}";
}
