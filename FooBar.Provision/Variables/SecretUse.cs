namespace FooBar.Provision.Variables;

/// <summary>Whether a variable may, must or must not hold a secret (<c>{ env: NAME }</c>, <c>{ file: PATH }</c>).</summary>
public enum SecretUse
{
    /// <summary>A plain value or a secret (a secret's value is checked by the rule, and masked in all output).</summary>
    Allowed,

    /// <summary>Only a secret: a literal in the inventory or on the command line is refused.</summary>
    Required,

    /// <summary>Never a secret: the value shows in paths, names and reports.</summary>
    Forbidden,

    /// <summary>
    /// Best a secret (a password), but a plain value is accepted (a test, a <c>--var</c>): a plain value is masked in
    /// every diff and report of its host as a secret's value is, and a file that holds it never shows its removed lines.
    /// </summary>
    Preferred,
}
