namespace FooBar.Provision.Variables.Rules;

/// <summary>true or false (also yes/no, on/off, in any case).</summary>
internal sealed class BoolRule : VariableRule
{
    /// <inheritdoc />
    public override string Expected => "true or false";

    /// <inheritdoc />
    public override string Example => "true";

    /// <inheritdoc />
    public override object? Check(object value, string path, ICollection<VariableProblem> problems) => value switch
    {
        bool b => b,
        string s when s.ToLowerInvariant() is "true" or "yes" or "on" => true,
        string s when s.ToLowerInvariant() is "false" or "no" or "off" => false,
        string s => Fail(path, s.Length == 0 ? "is empty" : $"is {VariableText.Show(s)}", problems),
        _ => Fail(path, $"is {RuleValues.Shape(value)}", problems),
    };
}
