namespace FooBar.Provision.Variables;

/// <summary>A value resolved at run time from an environment variable or a file, that must never be shown.</summary>
/// <remarks>
/// <see cref="ToString"/> returns a mask, so a secret formatted by mistake prints <c>********</c>.
/// Only <see cref="Reveal"/> gives the value: call it where the value goes to the host (a file's
/// content, a command's standard input), never where it goes to output.
/// </remarks>
public sealed class SecretValue
{
    /// <summary>The text shown in place of a secret.</summary>
    public const string Mask = "********";

    private readonly string _value;

    /// <summary>Creates a secret.</summary>
    /// <param name="source">Where it came from, for messages (<c>env:NAME</c>, <c>file:PATH</c>).</param>
    /// <param name="value">The secret itself.</param>
    public SecretValue(string source, string value)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(value);
        Source = source;
        _value = value;
    }

    /// <summary>Where the secret came from (never the value).</summary>
    public string Source { get; }

    /// <summary>The secret value. Never log or print it.</summary>
    public string Reveal() => _value;

    /// <inheritdoc />
    public override string ToString() => Mask;
}
