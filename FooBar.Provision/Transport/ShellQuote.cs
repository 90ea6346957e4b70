using System.Text;

namespace FooBar.Provision.Transport;

/// <summary>The one place where values become POSIX shell words.</summary>
/// <remarks>
/// Every value that reaches a remote command line passes through <see cref="Quote"/>: it wraps the
/// value in single quotes, inside which the shell interprets nothing, and spells each embedded single
/// quote as <c>'\''</c>. The result is one word whatever the value holds (spaces, <c>$()</c>, backticks,
/// globs, newlines, non-ASCII, or nothing at all).
/// </remarks>
public static class ShellQuote
{
    /// <summary>Quotes <paramref name="value"/> as a single POSIX shell word.</summary>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
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

    /// <summary>Quotes each value and joins them with spaces: a command line of words.</summary>
    public static string Join(params IEnumerable<string> words) => string.Join(' ', words.Select(Quote));

    private static bool IsSafe(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '_' or '.' or '/' or ':' or '=' or ',' or '+' or '@';
}
