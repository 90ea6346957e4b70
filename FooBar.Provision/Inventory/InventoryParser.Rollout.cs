using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace FooBar.Provision.Inventory;

/// <summary>A group's <c>serial:</c> and <c>max_fail_percentage:</c>: how its hosts roll out (docs/rolling-deploys.md).</summary>
internal sealed partial class InventoryParser
{
    private BatchSize? ReadSerial(YamlMappingNode map, string group)
    {
        if (Find(map, "serial") is not { } node || IsNull(node))
        {
            return null;
        }

        var size = BatchSize.TryParse((node as YamlScalarNode)?.Value ?? Describe(node), out var problem);
        if (size is null)
        {
            Error(node, $"the serial of group '{group}' must be {BatchSize.Expected}: {problem}", $"for example 'serial: 1' (one host at a time) or 'serial: 30%'; see docs/rolling-deploys.md");
        }

        return size;
    }

    private int? ReadMaxFailPercentage(YamlMappingNode map, string group)
    {
        if (Find(map, "max_fail_percentage") is not { } node || IsNull(node))
        {
            return null;
        }

        var text = (node as YamlScalarNode)?.Value;
        if (text is { Length: > 0 and < 4 } && text.All(char.IsAsciiDigit) && int.Parse(text, CultureInfo.InvariantCulture) is var value and <= 100)
        {
            return value;
        }

        Error(node, $"the max_fail_percentage of group '{group}' must be a whole number from 0 to 100, not {Describe(node)}", "for example 'max_fail_percentage: 0' (any failed host stops the rollout, the default) or 'max_fail_percentage: 25'; see docs/rolling-deploys.md");
        return null;
    }
}
