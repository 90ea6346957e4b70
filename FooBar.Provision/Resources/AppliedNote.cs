namespace FooBar.Provision.Resources;

/// <summary>A note an apply step leaves for the report (a wait for a lock), read after it returned.</summary>
internal sealed class AppliedNote
{
    private string? _text;

    /// <summary>The note, or null for none.</summary>
    public string? Text
    {
        get => Volatile.Read(ref _text);
        set => Volatile.Write(ref _text, value);
    }
}
