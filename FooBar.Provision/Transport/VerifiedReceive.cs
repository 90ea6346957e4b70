using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace FooBar.Provision.Transport;

/// <summary>The script lines that receive bytes on stdin into a temporary file and keep them only when all of them arrived intact.</summary>
/// <remarks>
/// The expected size and sha256 are known before sending and travel as quoted words of the script. When the sender
/// stops early (the controller ended by any signal, the connection cut), <c>cat</c> sees end-of-file, the check fails
/// and the script exits non-zero: the temporary file is removed (an <c>EXIT</c> trap, which the <c>HUP</c>, <c>INT</c>,
/// <c>TERM</c> and <c>PIPE</c> traps reach by exiting) and nothing is installed.
/// </remarks>
internal static class VerifiedReceive
{
    /// <summary>The exit code of a receive whose bytes were short or did not match.</summary>
    public const int IncompleteExitCode = 75;

    /// <summary>Lines that make every ending (signals included) run the <c>EXIT</c> trap; the caller sets that trap.</summary>
    public const string SignalsRunExitTrap = "trap 'exit 1' HUP INT TERM PIPE\n";

    /// <summary>The sha256 of <paramref name="content"/> in lowercase hex, as <c>sha256sum</c> prints it.</summary>
    public static string Sha256(ReadOnlySpan<byte> content) => Convert.ToHexString(SHA256.HashData(content)).ToLowerInvariant();

    /// <summary>
    /// Lines that copy stdin into the file named by shell variable <paramref name="variable"/> and exit with
    /// <see cref="IncompleteExitCode"/> unless it holds exactly <paramref name="content"/> (size, then sha256).
    /// </summary>
    public static string Lines(string variable, ReadOnlySpan<byte> content, string what)
    {
        var size = content.Length.ToString(CultureInfo.InvariantCulture);
        var sum = Sha256(content);
        var target = ShellQuote.Quote(what);
        return new StringBuilder()
            .Append("cat > \"$").Append(variable).Append("\"\n")
            .Append("got=$(stat -c %s \"$").Append(variable).Append("\")\n")
            .Append("if [ \"$got\" != ").Append(ShellQuote.Quote(size)).Append(" ]; then printf '%s: received %s of %s bytes; nothing was installed\\n' ")
            .Append(target).Append(" \"$got\" ").Append(ShellQuote.Quote(size)).Append(" >&2; exit ").Append(IncompleteExitCode).Append("; fi\n")
            .Append("if [ \"$(sha256sum < \"$").Append(variable).Append("\" | cut -c1-64)\" != ").Append(ShellQuote.Quote(sum)).Append(" ]; then printf '%s: the content received does not match its sha256; nothing was installed\\n' ")
            .Append(target).Append(" >&2; exit ").Append(IncompleteExitCode).Append("; fi\n")
            .ToString();
    }
}
