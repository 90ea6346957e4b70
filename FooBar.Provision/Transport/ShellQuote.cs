using System.Text;

namespace FooBar.Provision.Transport;

/// <summary>The one place where values become POSIX shell words.</summary>
/// <remarks>
/// Scripts are built with <see cref="ShellScript"/>, whose interpolation holes call <see cref="Quote"/>; call it
/// directly only where no script is being built. It wraps the value in single quotes, inside which the shell
/// interprets nothing, and spells each embedded single quote as <c>'\''</c>. The result is one word whatever the value
/// holds (spaces, <c>$()</c>, backticks, globs, newlines, non-ASCII, a leading dash, or nothing at all); a word with <c>=</c> is quoted too, so that in a command's place it is never read as an assignment. Two things
/// no word can carry are refused: a NUL character (a command line is a C string, so the value would be cut short)
/// and an unpaired UTF-16 surrogate (it has no UTF-8 form, so the host would receive a replacement character).
/// </remarks>
public static class ShellQuote
{
    /// <summary>Quotes <paramref name="value"/> as a single POSIX shell word.</summary>
    /// <exception cref="ArgumentException"><paramref name="value"/> contains a NUL character or an unpaired surrogate.</exception>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Refuse(value);
        if (value.Length > 0 && value.All(IsSafe))
        {
            return value;
        }

        var builder = new StringBuilder(value.Length + 2);
        builder.Append('\'');
        foreach (var c in value)
        {
            if (c == '\'')
            {
                builder.Append("'\\''");
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.Append('\'').ToString();
    }

    private static void Refuse(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\0')
            {
                throw new ArgumentException($"a value with a NUL character (at index {i}) cannot be a shell word: a command line ends at the first NUL; send such data on standard input", nameof(value));
            }

            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                throw new ArgumentException($"a value with an unpaired UTF-16 surrogate (U+{(int)c:X4} at index {i}) cannot be a shell word: it has no UTF-8 form", nameof(value));
            }
        }
    }

    private static bool IsSafe(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '_' or '.' or '/' or ':' or ',' or '+' or '@';
}
