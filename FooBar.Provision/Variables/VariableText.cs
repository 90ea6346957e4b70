using System.Collections;
using System.Globalization;
using System.Text;

namespace FooBar.Provision.Variables;

/// <summary>Values as text for people: YAML for defaults and examples, a safe quoted form for values in messages.</summary>
public static class VariableText
{
    private const int ShownLength = 60;

    /// <summary>A value as YAML (flow style): <c>foobar</c>, <c>"0755"</c>, <c>[tree, curl]</c>, <c>""</c>.</summary>
    public static string Yaml(object? value) => value switch
    {
        null => "~",
        SecretValue => SecretValue.Mask,
        bool b => b ? "true" : "false",
        string s => YamlString(s),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable<KeyValuePair<string, object?>> map => "{ " + string.Join(", ", map.Select(kv => $"{kv.Key}: {Yaml(kv.Value)}")) + " }",
        IEnumerable list => "[" + string.Join(", ", list.Cast<object?>().Select(Yaml)) + "]",
        _ => value.ToString() ?? "",
    };

    /// <summary>A value quoted for a message: control characters escaped (<c>\n</c>, <c>\u001b</c>), long values cut.</summary>
    /// <remarks>Never pass a secret's value here.</remarks>
    public static string Show(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = new StringBuilder("'");
        foreach (var c in value.Length > ShownLength ? value[..ShownLength] : value)
        {
            text.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\'' => "\\'",
                '\\' => "\\\\",
                _ when char.IsControl(c) || char.IsSurrogate(c) || c is '\u2028' or '\u2029' or '\u200e' or '\u200f' or '\u202a' or '\u202b' or '\u202c' or '\u202d' or '\u202e' => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        text.Append('\'');
        return value.Length > ShownLength ? $"{text}… ({value.Length} characters)" : text.ToString();
    }

    private static string YamlString(string s)
    {
        var plain = s.Length > 0
            && s.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or '/' or ':' or '+' or '@' or '*')
            && !s.StartsWith('-') && !s.StartsWith('*') && !s.EndsWith(':')
            && !s.Contains(": ", StringComparison.Ordinal)
            && s.ToLowerInvariant() is not ("true" or "false" or "yes" or "no" or "on" or "off" or "null" or "~")
            && !(s.All(c => char.IsAsciiDigit(c) || c == '.') && s.StartsWith('0') && s.Length > 1);
        if (plain)
        {
            return s;
        }

        var escaped = new StringBuilder("\"");
        foreach (var c in s)
        {
            escaped.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return escaped.Append('"').ToString();
    }
}
