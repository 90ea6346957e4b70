using System.Security.Cryptography;

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
    public static ShellScript SignalsRunExitTrap { get; } = $"trap 'exit 1' HUP INT TERM PIPE\n";

    /// <summary>The sha256 of <paramref name="content"/> in lowercase hex, as <c>sha256sum</c> prints it.</summary>
    public static string Sha256(ReadOnlySpan<byte> content) => Convert.ToHexString(SHA256.HashData(content)).ToLowerInvariant();

    /// <summary>
    /// Lines that copy stdin into the file named by shell variable <paramref name="variable"/> and exit with
    /// <see cref="IncompleteExitCode"/> unless it holds exactly <paramref name="content"/> (size, then sha256).
    /// </summary>
    public static ShellScript Lines(string variable, ReadOnlySpan<byte> content, string what)
    {
        if (variable.Length == 0 || !variable.All(c => c is (>= 'a' and <= 'z') or '_'))
        {
            throw new ArgumentException($"'{variable}' is not a shell variable name", nameof(variable));
        }

        // The variable's name is script text (checked above to be a plain name), not a value: it is not quoted.
        var file = ShellScript.Raw($"\"${variable}\"");
        var size = content.Length;
        var sum = Sha256(content);
        return $"""
            cat > {file}
            got=$(stat -c %s {file})
            if [ "$got" != {size} ]; then printf '%s: received %s of %s bytes; nothing was installed\n' {what} "$got" {size} >&2; exit {IncompleteExitCode}; fi
            if [ "$(sha256sum < {file} | cut -c1-64)" != {sum} ]; then printf '%s: the content received does not match its sha256; nothing was installed\n' {what} >&2; exit {IncompleteExitCode}; fi

            """;
    }
}
