namespace FooBar.Provision.Variables;

/// <summary>Checks one value against one declaration: unset, secret or not, then the rule.</summary>
public static class VariableChecks
{
    /// <summary>The typed value of <paramref name="value"/> under <paramref name="declaration"/>, or null (unset, or refused: see <paramref name="problems"/>).</summary>
    /// <param name="declaration">The declaration.</param>
    /// <param name="value">The value that won precedence (the default when nothing else set it).</param>
    /// <param name="path">The variable's name or the item's path, for problems.</param>
    /// <param name="problems">Where each problem goes.</param>
    public static object? One(VariableDeclaration declaration, object? value, string path, ICollection<VariableProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        ArgumentNullException.ThrowIfNull(problems);
        var empty = value is null || (declaration.Optional && RuleTextIsEmpty(value));
        if (empty)
        {
            if (declaration.Required || !declaration.Optional)
            {
                problems.Add(new VariableProblem(path, value is null ? "is not set" : "is empty", declaration.Rule.Expected, declaration.Example));
            }

            return null;
        }

        switch (declaration.Secret)
        {
            case SecretUse.Required when value is not SecretValue:
                problems.Add(new VariableProblem(path, "is written in clear, but it must be a secret", "a secret: { env: NAME } or { file: PATH }", "{ file: secrets/" + path.Split('.', '[')[0] + " }"));
                return null;
            case SecretUse.Forbidden when value is SecretValue:
                problems.Add(new VariableProblem(path, "is a secret, but its value shows in names, paths and reports", declaration.Rule.Expected, declaration.Example));
                return null;
        }

        return declaration.Rule.Check(value!, path, problems);
    }

    private static bool RuleTextIsEmpty(object? value) => value switch
    {
        string s => s.Length == 0,
        SecretValue secret => secret.Reveal().Length == 0,
        _ => false,
    };
}
