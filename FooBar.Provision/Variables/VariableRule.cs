namespace FooBar.Provision.Variables;

/// <summary>What values a variable accepts: a check that reports every problem and returns the value in its typed form.</summary>
/// <remarks>
/// Built-in rules come from <see cref="VariableRules"/>. A rule is checked against the format the value lands in: a
/// rule for a one-line directive refuses line breaks and control characters, a rule for a word that a command could
/// read as an option refuses a leading <c>-</c>. Derive from this class for a rule of your own.
/// </remarks>
public abstract class VariableRule
{
    /// <summary>What the rule accepts, for messages and READMEs (<c>a TCP port, 1 to 65535</c>).</summary>
    public abstract string Expected { get; }

    /// <summary>An example of an accepted value, as YAML (<c>8080</c>, <c>[tree, curl]</c>).</summary>
    public abstract string Example { get; }

    /// <summary>Checks <paramref name="value"/> (never null); returns its typed form, or null after adding to <paramref name="problems"/>.</summary>
    /// <param name="value">
    /// The value as the inventory gave it: a <see cref="string"/>, <see cref="bool"/>, <see cref="long"/>, a list, a map
    /// or a <see cref="SecretValue"/>.
    /// </param>
    /// <param name="path">The variable's name, or the path of an item inside it (<c>mysql_users[0].name</c>).</param>
    /// <param name="problems">Where each problem goes (never with a secret's value).</param>
    public abstract object? Check(object value, string path, ICollection<VariableProblem> problems);

    /// <summary>Adds a problem of this rule at <paramref name="path"/>; returns null for convenience.</summary>
    protected object? Fail(string path, string problem, ICollection<VariableProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        problems.Add(new VariableProblem(path, problem, Expected, Example));
        return null;
    }
}
