using System.Collections;
using System.Globalization;

namespace FooBar.Provision.Variables.Rules;

/// <summary>How the rules read the shapes YAML and --var give.</summary>
internal static class RuleValues
{
    /// <summary>A scalar as text (a secret revealed, for checking only), or null for a list or a map.</summary>
    public static string? Text(object value) => value switch
    {
        string s => s,
        SecretValue secret => secret.Reveal(),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => null,
    };

    /// <summary>What a value is, for "is a list" messages.</summary>
    public static string Shape(object value) => value switch
    {
        IEnumerable<KeyValuePair<string, object?>> => "a mapping",
        string or SecretValue => "text",
        IEnumerable => "a list",
        bool => "true or false",
        _ => "a number",
    };

    /// <summary>The problem of a scalar that is not the text expected: its value (or nothing of it, for a secret).</summary>
    public static string Is(object value, string text) =>
        value is SecretValue ? "holds a value that is not allowed (not shown: it is a secret)" : $"is {VariableText.Show(text)}";
}
