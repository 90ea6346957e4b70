namespace FooBar.Provision.Variables;

/// <summary>One value that a rule refused.</summary>
/// <param name="Path">The variable, or the item inside it (<c>base_packages[1]</c>, <c>mysql_users[0].name</c>).</param>
/// <param name="Problem">What is wrong with the value (<c>holds a line break</c>); never a secret's value.</param>
/// <param name="Expected">What the rule accepts.</param>
/// <param name="Example">An accepted value, as YAML.</param>
public sealed record VariableProblem(string Path, string Problem, string Expected, string Example)
{
    /// <summary>The path <see cref="Example"/> is written for, when not <see cref="Path"/> (an unknown key: the example is the whole mapping).</summary>
    public string? ExamplePath { get; init; }
}
