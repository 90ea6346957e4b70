using YamlDotNet.RepresentationModel;

namespace FooBar.Provision.Variables;

/// <summary>Turns YAML (role defaults) into plain values: strings, bools, lists and maps.</summary>
public static class YamlValues
{
    /// <summary>Parses a YAML mapping document into a dictionary; an empty document is an empty map.</summary>
    public static IReadOnlyDictionary<string, object?> ParseMapping(string yaml, string sourceName)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new ProvisionException($"{sourceName}:{e.Start.Line}:{e.Start.Column}: {e.Message}", "fix the YAML syntax");
        }

        if (stream.Documents.Count == 0)
        {
            return new Dictionary<string, object?>();
        }

        return stream.Documents[0].RootNode is YamlMappingNode map
            ? (IReadOnlyDictionary<string, object?>)Convert(map)!
            : throw new ProvisionException($"{sourceName}: the document must be a mapping of variable names to values");
    }

    /// <summary>Converts a node: plain true/false become bools, null-like scalars null, other scalars strings.</summary>
    public static object? Convert(YamlNode node) => node switch
    {
        YamlScalarNode scalar when scalar.Style == YamlDotNet.Core.ScalarStyle.Plain => scalar.Value switch
        {
            null or "" or "~" or "null" => null,
            "true" or "True" => true,
            "false" or "False" => false,
            var text => text,
        },
        YamlScalarNode scalar => scalar.Value ?? "",
        YamlSequenceNode sequence => sequence.Children.Select(Convert).ToList(),
        YamlMappingNode mapping => mapping.Children.ToDictionary(kv => ((YamlScalarNode)kv.Key).Value ?? "", kv => Convert(kv.Value), StringComparer.Ordinal),
        _ => null,
    };
}
