using System.Text.RegularExpressions;

namespace FooBar.Provision.Variables.Rules;

/// <summary>Text: one line (a directive, a word of a command) or several; a pattern; an extra check.</summary>
internal sealed class TextRule(string expected, string example) : VariableRule
{
    /// <inheritdoc />
    public override string Expected { get; } = expected;

    /// <inheritdoc />
    public override string Example { get; } = example;

    public bool MultiLine { get; init; }

    public int MaxLength { get; init; } = 255;

    /// <summary>Refuse a leading '-' (the value is a word a command could read as an option).</summary>
    public bool NoLeadingDash { get; init; } = true;

    public Regex? Pattern { get; init; }

    /// <summary>A last check on text that passed the others: the problem, or null.</summary>
    public Func<string, string?>? Extra { get; init; }

    /// <summary>Turns the accepted text into the typed value (for example a normalised form).</summary>
    public Func<string, object>? Convert { get; init; }

    /// <inheritdoc />
    public override object? Check(object value, string path, ICollection<VariableProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (RuleValues.Text(value) is not { } text)
        {
            return Fail(path, $"is {RuleValues.Shape(value)}", problems);
        }

        var problem = Problem(text, value);
        if (problem is not null)
        {
            return Fail(path, problem, problems);
        }

        return value is SecretValue ? value : Convert?.Invoke(text) ?? text;
    }

    private string? Problem(string text, object value)
    {
        if (text.Length == 0)
        {
            return "is empty";
        }

        if (text.Length > MaxLength)
        {
            return $"is {text.Length} characters long (at most {MaxLength})";
        }

        var lineBreak = text.IndexOfAny(['\n', '\r']);
        if (!MultiLine && lineBreak >= 0)
        {
            return lineBreak == text.Length - 1 ? "ends with a line break" : "holds a line break";
        }

        // An index, not the character: U+0000 (NUL) is a control character and also char's default value.
        var control = Array.FindIndex(text.ToCharArray(), c => char.IsControl(c) && !(MultiLine && c is '\n' or '\r' or '\t'));
        if (control >= 0)
        {
            return $"holds a control character (U+{(int)text[control]:X4})";
        }

        if (NoLeadingDash && text.StartsWith('-'))
        {
            return "starts with '-', which a command would read as an option";
        }

        if (Pattern is not null && !Pattern.IsMatch(text))
        {
            return RuleValues.Is(value, text);
        }

        return Extra?.Invoke(text);
    }
}
