using YamlDotNet.RepresentationModel;

namespace FooBar.Provision.Inventory;

/// <summary>The <c>groups:</c> section.</summary>
internal sealed partial class InventoryParser
{
    private static readonly string[] GroupKeys = ["hosts", "roles", "vars", "jump", "transport", "kex_algorithms", "serial", "max_fail_percentage"];

    private List<ParsedGroup> ParseGroups(YamlNode? node, IReadOnlySet<string> declaredHosts)
    {
        var groups = new List<ParsedGroup>();
        if (IsNull(node) || node is null)
        {
            return groups;
        }

        if (node is not YamlMappingNode map)
        {
            Error(node, $"'groups' must be a mapping of group name to settings, not {Describe(node)}", "write each group as 'name:' with hosts, roles and vars indented under it");
            return groups;
        }

        foreach (var (key, value) in map.Children)
        {
            if (ReadName(key, "the group name", InventoryNames.NameProblem, NameHint) is { } name)
            {
                groups.Add(ParseGroup(name, value, declaredHosts));
            }
        }

        return groups;
    }

    private ParsedGroup ParseGroup(string name, YamlNode value, IReadOnlySet<string> declaredHosts)
    {
        if (IsNull(value))
        {
            return new ParsedGroup(name, [], [], new Dictionary<string, object?>());
        }

        if (value is not YamlMappingNode map)
        {
            Error(value, $"group '{name}' must be a mapping with hosts, roles and vars, not {Describe(value)}", $"write the settings of group '{name}' indented under it, for example 'hosts: [www]'");
            return new ParsedGroup(name, [], [], new Dictionary<string, object?>());
        }

        CheckKeys(map, GroupKeys, $"in group '{name}'");
        ReadJump(map, "group:" + name, $"group '{name}'");
        var members = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (host, item) in ReadNameList(Find(map, "hosts"), $"hosts of group '{name}'"))
        {
            if (!declaredHosts.Contains(host))
            {
                var hint = $"declare '{host}' under the top-level 'hosts:' or fix the name; " + Suggestions.Hint(host, declaredHosts, "declared hosts");
                Error(item, $"group '{name}' lists host '{host}', which is not declared under 'hosts'", hint);
            }
            else if (seen.Add(host))
            {
                members.Add(host);
            }
        }

        var roles = ReadRoles(Find(map, "roles"), $"roles of group '{name}'");
        var vars = ParseVars(Find(map, "vars"), $"group '{name}'");
        return new ParsedGroup(name, members, roles, vars)
        {
            Transport = ReadTransport(map, $"group '{name}'"),
            KexAlgorithms = ReadKex(map, $"group '{name}'"),
            Serial = ReadSerial(map, name),
            MaxFailPercentage = ReadMaxFailPercentage(map, name),
        };
    }
}
