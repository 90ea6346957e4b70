using YamlDotNet.RepresentationModel;

namespace FooBar.Provision.Inventory;

/// <summary>The <c>jump:</c> key (inventory, group or host): the jump hosts (ProxyJump) the SSH.NET transport goes through.</summary>
internal sealed partial class InventoryParser
{
    private const string JumpHint = "write jump: [bastion.example.com, admin@10.0.0.5:2222] (or one string with commas, as ProxyJump), each hop [user@]host[:port]; jump: none for a direct connection";

    // Keyed "" (the inventory), "group:NAME" and "host:NAME"; an empty list is an explicit "none".
    private readonly Dictionary<string, IReadOnlyList<JumpHost>> _jumps = new(StringComparer.Ordinal);

    /// <summary>Reads the <c>jump:</c> of <paramref name="map"/>, if it has one, under <paramref name="key"/>.</summary>
    private void ReadJump(YamlMappingNode map, string key, string where)
    {
        if (Find(map, "jump") is not { } node || IsNull(node))
        {
            return;
        }

        IEnumerable<(string Text, YamlNode Node)> items = node switch
        {
            YamlScalarNode { Value: { } text } when text.Trim().Equals("none", StringComparison.OrdinalIgnoreCase) => [],
            YamlScalarNode { Value: { } text } => JumpSpec.Split(text).Select(item => (item, (YamlNode)node)),
            YamlSequenceNode list => list.Children.SelectMany(Items),
            _ => Refused(node, where),
        };
        var hops = new List<JumpHost>();
        foreach (var (text, itemNode) in items)
        {
            var (hop, problem) = JumpSpec.ParseHop(text);
            if (hop is null)
            {
                Error(itemNode, $"jump host '{Printable.Clip(text, 60)}' of {where} {problem}", JumpHint);
            }
            else
            {
                hops.Add(hop);
            }
        }

        if (hops.Count > JumpSpec.MaxHops)
        {
            Error(node, $"the jump: of {where} has {hops.Count} hops, more than {JumpSpec.MaxHops}", "a real chain has one or two hops; shorten it");
        }

        _jumps[key] = hops;
    }

    /// <summary>The host with its jump hosts: its own <c>jump:</c>, else the last of its groups that sets one, else the inventory's.</summary>
    private HostEntry WithJump(HostEntry entry)
    {
        var hops = _jumps.GetValueOrDefault("host:" + entry.Name)
            ?? entry.Groups.Select(g => _jumps.GetValueOrDefault("group:" + g)).LastOrDefault(j => j is not null)
            ?? _jumps.GetValueOrDefault(string.Empty);
        return hops is null ? entry : entry with { Jump = hops, JumpGiven = true };
    }

    private IEnumerable<(string, YamlNode)> Items(YamlNode item)
    {
        if (item is YamlScalarNode { Value: { } text })
        {
            return JumpSpec.Split(text).Select(part => (part, item));
        }

        Error(item, $"a jump host must be a text such as bastion.example.com, not {Describe(item)}", JumpHint);
        return [];
    }

    private IEnumerable<(string, YamlNode)> Refused(YamlNode node, string where)
    {
        Error(node, $"the jump: of {where} must be a list of hosts or one text, not {Describe(node)}", JumpHint);
        return [];
    }
}
