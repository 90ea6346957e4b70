namespace FooBar.Provision.Variables.Rules;

/// <summary>A value that follows one rule or the other (the first that accepts it).</summary>
internal sealed class EitherRule(VariableRule first, VariableRule second) : VariableRule
{
    /// <inheritdoc />
    public override string Expected { get; } = $"{first.Expected}, or {second.Expected}";

    /// <inheritdoc />
    public override string Example { get; } = first.Example;

    /// <inheritdoc />
    public override object? Check(object value, string path, ICollection<VariableProblem> problems)
    {
        var firstProblems = new List<VariableProblem>();
        var result = first.Check(value, path, firstProblems);
        if (firstProblems.Count == 0)
        {
            return result;
        }

        var secondProblems = new List<VariableProblem>();
        result = second.Check(value, path, secondProblems);
        return secondProblems.Count == 0 ? result : Fail(path, firstProblems[0].Problem, problems);
    }
}
