using FooBar.Provision.Transport;
using YamlDotNet.RepresentationModel;

namespace FooBar.Provision.Inventory;

/// <summary>The <c>kex_algorithms:</c> key (inventory, group or host): the SSH key exchanges offered, in order of preference.</summary>
internal sealed partial class InventoryParser
{
    private const string KexHint =
        "list key exchange algorithms in order of preference, such as [sntrup761x25519-sha512, curve25519-sha256]; leave kex_algorithms out for the transport's default (post-quantum first)";

    /// <summary>The <c>kex_algorithms:</c> of <paramref name="map"/>, or null when it sets none (or an invalid one, reported).</summary>
    private IReadOnlyList<string>? ReadKex(YamlMappingNode map, string where)
    {
        if (Find(map, "kex_algorithms") is not { } node || IsNull(node))
        {
            return null;
        }

        var what = $"kex_algorithms of {where}";
        if (node is not YamlSequenceNode { Children.Count: > 0 })
        {
            Error(node, $"{what} must be a non-empty list of algorithm names, not {(node is YamlSequenceNode ? "an empty list" : Describe(node))}", KexHint);
            return null;
        }

        var names = new List<string>();
        var valid = true;
        foreach (var (name, item) in ReadNameList(node, what))
        {
            if (KeyExchangeNames.Refused.TryGetValue(name, out var reason))
            {
                Error(item, $"{what}: '{name}' is {reason}, which is not offered", "remove it; curve25519-sha256 and the post-quantum sntrup761x25519-sha512 and mlkem768x25519-sha256 are the safe choices");
                valid = false;
            }
            else if (!KeyExchangeNames.Allowed.Contains(name, StringComparer.Ordinal))
            {
                Error(item, $"{what}: unknown key exchange algorithm '{name}'", Suggestions.Hint(name, KeyExchangeNames.Allowed, "known algorithms"));
                valid = false;
            }
            else if (names.Contains(name, StringComparer.Ordinal))
            {
                Error(item, $"{what}: '{name}' is listed twice", "list each algorithm once, in order of preference");
                valid = false;
            }
            else
            {
                names.Add(name);
            }
        }

        return valid && names.Count > 0 ? names : null;
    }
}
