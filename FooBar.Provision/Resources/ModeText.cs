namespace FooBar.Provision.Resources;

/// <summary>Octal file modes as <c>stat -c %a</c> prints them (<c>0644</c> → <c>644</c>).</summary>
internal static class ModeText
{
    /// <summary>Validates an octal mode and strips leading zeros (keeping at least three digits).</summary>
    public static string Normalize(string mode)
    {
        ArgumentException.ThrowIfNullOrEmpty(mode);
        if (!mode.All(c => c is >= '0' and <= '7') || mode.Length > 5)
        {
            throw new ArgumentException($"'{mode}' is not an octal file mode such as 0644", nameof(mode));
        }

        var trimmed = mode.TrimStart('0');
        return trimmed.PadLeft(3, '0');
    }
}
