namespace FooBar.Provision.Variables.Rules;

/// <summary>One of a fixed set of words (compared exactly).</summary>
internal sealed class EnumRule(IReadOnlyList<string> values) : VariableRule
{
    /// <inheritdoc />
    public override string Expected { get; } = "one of " + string.Join(", ", values);

    /// <inheritdoc />
    public override string Example { get; } = values[0];

    /// <inheritdoc />
    public override object? Check(object value, string path, ICollection<VariableProblem> problems)
    {
        if (RuleValues.Text(value) is not { } text)
        {
            return Fail(path, $"is {RuleValues.Shape(value)}", problems);
        }

        return values.Contains(text, StringComparer.Ordinal) ? text : Fail(path, text.Length == 0 ? "is empty" : RuleValues.Is(value, text), problems);
    }
}
