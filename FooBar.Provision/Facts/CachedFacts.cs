namespace FooBar.Provision.Facts;

/// <summary>A host's facts from an earlier run, with the hash the host printed for them (SHA-256 of the facts lines).</summary>
internal sealed record CachedFacts(HostFacts Facts, string Hash)
{
    /// <summary>True for 64 lower-case hex digits: what <c>sha256sum</c> prints (an empty or odd value is never trusted).</summary>
    public static bool IsHash(string? value) =>
        value is { Length: 64 } && value.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
}
