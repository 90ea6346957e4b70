using FooBar.Provision.Variables;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace FooBar.Provision.Inventory;

/// <summary>Variable values: scalars, lists, maps and secrets (<c>{ env: NAME }</c>, <c>{ file: PATH }</c>).</summary>
internal sealed partial class InventoryParser
{
    private const string SecretHint = "write a secret as { env: NAME } or { file: PATH } with nothing else in the mapping; 'env' and 'file' are reserved for secrets in variable values";

    private Dictionary<string, object?> ParseVars(YamlNode? node, string owner)
    {
        var vars = new Dictionary<string, object?>(StringComparer.Ordinal);
        var locations = new Dictionary<string, Dictionary<string, SourceLocation>>(StringComparer.Ordinal);
        _varLocations.Add(vars, locations);
        if (IsNull(node) || node is null)
        {
            return vars;
        }

        if (node is not YamlMappingNode map)
        {
            Error(node, $"vars of {owner} must be a mapping of name to value, not {Describe(node)}", "write one 'name: value' per line under vars:");
            return vars;
        }

        foreach (var (key, value) in map.Children)
        {
            if (key is YamlScalarNode { Value: { Length: > 0 } name } && !IsNull(key))
            {
                if (InventoryNames.VariableNameProblem(name) is { } problem)
                {
                    Error(key, $"the variable name '{Printable.Clip(name, 80)}' in the vars of {owner} {problem}", "variable names are words such as app_port");
                    continue;
                }

                locations[name] = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
                vars[name] = Value(value, $"variable '{name}'", name, locations[name]);
            }
            else
            {
                Error(key, $"a variable name in the vars of {owner} is not a name", "variable names are plain text, such as app_port");
            }
        }

        return vars;
    }

    /// <summary>A value; records where it (and each item and key inside it) is, by path: <c>name</c>, <c>name[0]</c>, <c>name[0].key</c>.</summary>
    private object? Value(YamlNode node, string what, string path, Dictionary<string, SourceLocation> locations)
    {
        locations[path] = At(node);
        return node switch
        {
            YamlScalarNode => Scalar(node),
            YamlSequenceNode list => list.Children.Select((item, i) => Value(item, what, $"{path}[{i}]", locations)).ToList(),
            YamlMappingNode map when IsSecretShaped(map) => Secret(map, what),
            YamlMappingNode map => Map(map, what, path, locations),
            _ => null,
        };
    }

    private Dictionary<string, object?> Map(YamlMappingNode map, string what, string path, Dictionary<string, SourceLocation> locations)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in map.Children)
        {
            if (key is YamlScalarNode { Value: { } name } && Printable.IsPrintable(name))
            {
                result[name] = Value(value, what, $"{path}.{name}", locations);
            }
            else
            {
                Error(key, $"a key inside {what} is not plain printable text", "use plain text keys in maps, without control characters");
            }
        }

        return result;
    }

    /// <summary>A scalar as YAML wrote it: plain true/false become bool, plain null/~/empty become null, the rest stays text.</summary>
    private static object? Scalar(YamlNode node)
    {
        if (node is not YamlScalarNode scalar || IsNull(node))
        {
            return null;
        }

        if (scalar.Style is ScalarStyle.Plain or ScalarStyle.Any && scalar.Tag.IsEmpty)
        {
            switch (scalar.Value)
            {
                case "true" or "True" or "TRUE":
                    return true;
                case "false" or "False" or "FALSE":
                    return false;
            }
        }

        return scalar.Value ?? "";
    }

    private static bool IsSecretShaped(YamlMappingNode map) =>
        map.Children.Keys.Any(key => key is YamlScalarNode { Value: "env" or "file" });

    /// <summary>A secret (only a secret is accepted), or null when absent; a literal is reported without its value.</summary>
    private SecretValue? ReadSecret(YamlMappingNode map, string key, string what)
    {
        if (Find(map, key) is not { } node || IsNull(node))
        {
            return null;
        }

        if (node is YamlMappingNode secret && IsSecretShaped(secret))
        {
            return Secret(secret, what);
        }

        Error(node, $"{what} must be a secret reference, not a literal value", $"write {key}: {{ env: NAME }} or {key}: {{ file: PATH }}; never put a password in the inventory itself");
        return null;
    }

    private SecretValue? Secret(YamlMappingNode map, string what)
    {
        if (map.Children.Count != 1)
        {
            var others = map.Children.Keys.Select(k => k is YamlScalarNode { Value: { } n } ? $"'{n}'" : "?").ToArray();
            Error(map, $"the secret for {what} has the keys {string.Join(", ", others)}, but a secret has exactly one key, 'env' or 'file'", SecretHint);
            return null;
        }

        var (key, value) = map.Children.First();
        var kind = ((YamlScalarNode)key).Value;
        if (value is not YamlScalarNode { Value: { Length: > 0 } reference } || IsNull(value))
        {
            var wanted = kind == "env" ? "an environment variable name" : "a file path";
            Error(map, $"the secret for {what} needs {wanted} after '{kind}:'", SecretHint);
            return null;
        }

        return kind == "env" ? FromEnvironment(map, reference, what) : FromFile(map, reference, what);
    }
}
