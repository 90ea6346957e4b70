namespace FooBar.Provision.Transport;

/// <summary>A list of values to put into a <see cref="ShellScript"/> as separate words.</summary>
/// <remarks>
/// <c>$"rm -f -- {ShellWords.Of(paths)}"</c> quotes each value as one word and separates the words with one space;
/// an empty list adds nothing (so the command gets no argument from it). A list cannot go into a script any other
/// way: a hole holding a list of strings does not compile, so whether it means one word or many is always written.
/// </remarks>
public sealed class ShellWords
{
    private ShellWords(string text) => Text = text;

    /// <summary>The quoted words, separated by single spaces.</summary>
    public string Text { get; }

    /// <summary>The values in <paramref name="values"/>, each to become one quoted word.</summary>
    /// <exception cref="ArgumentException">A value contains a NUL character or an unpaired surrogate.</exception>
    public static ShellWords Of(params IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new ShellWords(string.Join(' ', values.Select(ShellQuote.Quote)));
    }

    /// <summary>The quoted words.</summary>
    public override string ToString() => Text;
}
