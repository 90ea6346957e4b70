using System.ComponentModel;
using System.Globalization;
using System.Text;

namespace FooBar.Provision.Transport;

/// <content>The interpolated-string handler members the C# compiler calls; not for direct use.</content>
public sealed partial class ShellScript
{
    private StringBuilder? _builder;
    private int _literalsLeft;
    private int _holesLeft;

    /// <summary>Starts a script the compiler is about to build from an interpolated string.</summary>
    /// <param name="literalLength">How many literal characters the interpolated string has.</param>
    /// <param name="formattedCount">How many holes it has.</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public ShellScript(int literalLength, int formattedCount)
    {
        _literalsLeft = literalLength;
        _holesLeft = formattedCount;
        if (literalLength == 0 && formattedCount == 0)
        {
            _text = string.Empty;
        }
        else
        {
            _builder = new StringBuilder(literalLength + (formattedCount * 16));
        }
    }

    /// <summary>Appends literal script text (compiler use).</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void AppendLiteral(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Building().Append(value);
        _literalsLeft -= value.Length;
        CompleteWhenDone();
    }

    /// <summary>Appends <paramref name="value"/> as one quoted shell word (compiler use).</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void AppendFormatted(string value) => AppendHole(ShellQuote.Quote(value));

    /// <summary>Appends <paramref name="value"/>, formatted with the invariant culture, as one quoted shell word (compiler use).</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void AppendFormatted<T>(T value)
        where T : IFormattable => AppendFormatted(value, null);

    /// <summary>Appends <paramref name="value"/>, formatted with <paramref name="format"/> and the invariant culture, as one quoted shell word (compiler use).</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void AppendFormatted<T>(T value, string? format)
        where T : IFormattable
    {
        ArgumentNullException.ThrowIfNull(value);
        AppendHole(ShellQuote.Quote(value.ToString(format, CultureInfo.InvariantCulture)));
    }

    /// <summary>Appends a nested script as it is (compiler use).</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void AppendFormatted(ShellScript value)
    {
        ArgumentNullException.ThrowIfNull(value);
        AppendHole(value.Text);
    }

    /// <summary>Appends a list of values, each one quoted word, separated by spaces (compiler use).</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void AppendFormatted(ShellWords value)
    {
        ArgumentNullException.ThrowIfNull(value);
        AppendHole(value.Text);
    }

    private void AppendHole(string text)
    {
        Building().Append(text);
        _holesLeft--;
        CompleteWhenDone();
    }

    private StringBuilder Building() =>
        _builder ?? throw new InvalidOperationException("a ShellScript is immutable once built; compose scripts with $\"{first}{second}\" instead");

    private void CompleteWhenDone()
    {
        if (_literalsLeft <= 0 && _holesLeft <= 0)
        {
            _text = Freeze();
        }
    }

    private string Freeze()
    {
        var text = _builder?.ToString() ?? string.Empty;
        _builder = null;
        return text;
    }
}
