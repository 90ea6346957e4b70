using System.Runtime.CompilerServices;

namespace FooBar.Provision.Transport;

/// <summary>A POSIX <c>sh</c> script, quoted by construction: every interpolated value becomes one shell word.</summary>
/// <remarks>
/// <para>
/// Write a script as an interpolated string where a <see cref="ShellScript"/> is expected:
/// <c>ShellScript probe = $"test -e {path} &amp;&amp; echo present";</c>. Each hole is quoted through
/// <see cref="ShellQuote.Quote"/> (numbers and other <see cref="IFormattable"/> values are first formatted with the
/// invariant culture), so a value can never be read as shell syntax, whatever it holds. The literal text between the
/// holes is the script itself and is copied as written; a script without holes (<c>$"systemctl reload nginx"</c>) is
/// a constant and needs no marking.
/// </para>
/// <para>
/// Three kinds of hole are not quoted, each visible in review: a nested <see cref="ShellScript"/> (already a script),
/// <see cref="ShellWords.Of"/> (a list of values, each quoted, separated by spaces) and <see cref="Raw"/> (text the
/// caller vouches for). There is no conversion from <see cref="string"/>: a string variable where a script is
/// expected does not compile, and <c>{list}</c> with a list of strings does not compile either.
/// </para>
/// <para>
/// A value that no shell word can carry is refused with an <see cref="ArgumentException"/>: a NUL character (a command
/// line is a C string) and an unpaired UTF-16 surrogate (it has no UTF-8 form, so it would not arrive as written).
/// Secrets never go into a script (it may be logged and is visible in the remote process list): send them on
/// standard input (<see cref="RemoteCommand.StandardInput"/>).
/// </para>
/// </remarks>
[InterpolatedStringHandler]
public sealed partial class ShellScript : IEquatable<ShellScript>
{
    private string? _text;

    private ShellScript(string text) => _text = text;

    /// <summary>The script's text, as sent to the host.</summary>
    public string Text => _text ??= Freeze();

    /// <summary>The script with no commands.</summary>
    public static ShellScript Empty { get; } = new(string.Empty);

    /// <summary>
    /// Marks <paramref name="script"/> as script text to insert without quoting. Use it only for text that is already a
    /// script (a constant fragment, a script read from a role's file); never for a value.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="script"/> contains a NUL character.</exception>
    public static ShellScript Raw(string script)
    {
        ArgumentNullException.ThrowIfNull(script);
        if (script.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException($"a shell script cannot contain a NUL character (found at index {script.IndexOf('\0', StringComparison.Ordinal)})", nameof(script));
        }

        return new ShellScript(script);
    }

    /// <summary>Joins scripts with <paramref name="separator"/> between them (<c>"\n"</c>, <c>" &amp;&amp; "</c>, <c>"; "</c>).</summary>
    public static ShellScript Join(ShellScript separator, IEnumerable<ShellScript> parts)
    {
        ArgumentNullException.ThrowIfNull(separator);
        ArgumentNullException.ThrowIfNull(parts);
        return new ShellScript(string.Join(separator.Text, parts.Select(p => p.Text)));
    }

    /// <summary>Joins scripts one per line.</summary>
    public static ShellScript Lines(params IEnumerable<ShellScript> lines) => Join(NewLine, lines);

    /// <summary>The script <paramref name="first"/> followed directly by <paramref name="second"/>.</summary>
    public static ShellScript operator +(ShellScript first, ShellScript second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        return new ShellScript(first.Text + second.Text);
    }

    /// <summary>The script <paramref name="first"/> followed directly by <paramref name="second"/>.</summary>
    public static ShellScript Add(ShellScript first, ShellScript second) => first + second;

    /// <inheritdoc />
    public bool Equals(ShellScript? other) => other is not null && string.Equals(Text, other.Text, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ShellScript);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Text);

    /// <summary>The script's text.</summary>
    public override string ToString() => Text;

    private static readonly ShellScript NewLine = new("\n");
}
