namespace FooBar.Provision.Variables;

/// <summary>Replaces every known secret value in a text with the mask.</summary>
/// <remarks>Applied to diffs, logged commands, command output in errors and reports.</remarks>
public sealed class SecretMasker
{
    private readonly string[] _secrets;

    /// <summary>Creates a masker for the given secret values (empty values are ignored).</summary>
    public SecretMasker(IEnumerable<string> secrets) =>
        _secrets = secrets.Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length).ToArray();

    /// <summary>A masker that masks nothing.</summary>
    public static SecretMasker None { get; } = new([]);

    /// <summary>Masks every secret in <paramref name="text"/>.</summary>
    public string Mask(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var secret in _secrets)
        {
            text = text.Replace(secret, SecretValue.Mask, StringComparison.Ordinal);
        }

        return text;
    }
}
