using System.Security.Cryptography;
using System.Text;

namespace FooBar.Provision.Facts;

/// <summary>A host's facts from an earlier run, with the facts lines exactly as the host printed them (without the last newline).</summary>
/// <remarks>The next run's opening script compares its fresh facts lines with <see cref="Text"/> (a string comparison in the shell).</remarks>
internal sealed record CachedFacts(HostFacts Facts, string Text)
{
    /// <summary>SHA-256 of the facts lines with their last newline: what <c>sha256sum</c> printed for them on the host in earlier versions, kept in the cache file.</summary>
    public string Hash => HashOf(Text);

    /// <summary>The SHA-256 (lower-case hex) of <paramref name="text"/> and a newline.</summary>
    public static string HashOf(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text + "\n"))).ToLowerInvariant();

    /// <summary>True for 64 lower-case hex digits: what <c>sha256sum</c> prints (an empty or odd value is never trusted).</summary>
    public static bool IsHash(string? value) =>
        value is { Length: 64 } && value.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
}
