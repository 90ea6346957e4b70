using System.Globalization;

namespace FooBar.Provision.Variables.Rules;

/// <summary>A whole number in a range; text such as "8080" (from YAML or --var) is read as a number.</summary>
internal sealed class IntegerRule(long min, long max, string expected, string example) : VariableRule
{
    /// <inheritdoc />
    public override string Expected { get; } = expected;

    /// <inheritdoc />
    public override string Example { get; } = example;

    /// <inheritdoc />
    public override object? Check(object value, string path, ICollection<VariableProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(value);
        long number;
        switch (value)
        {
            case long l:
                number = l;
                break;
            case int i:
                number = i;
                break;
            case string or SecretValue when RuleValues.Text(value) is { } text:
                if (text.Length == 0)
                {
                    return Fail(path, "is empty", problems);
                }

                if (text.Length > 19 || !long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number) || text.StartsWith('+'))
                {
                    return Fail(path, value is SecretValue ? "is not a whole number (not shown: it is a secret)" : $"is {VariableText.Show(text)}, not a whole number", problems);
                }

                break;
            default:
                return Fail(path, $"is {RuleValues.Shape(value)}", problems);
        }

        return number < min || number > max ? Fail(path, $"is {number}, outside {min} to {max}", problems) : number;
    }
}
