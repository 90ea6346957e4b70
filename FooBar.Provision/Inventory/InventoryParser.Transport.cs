using YamlDotNet.RepresentationModel;

namespace FooBar.Provision.Inventory;

/// <summary>The <c>transport:</c> key (inventory, group or host): which SSH client reaches the hosts.</summary>
internal sealed partial class InventoryParser
{
    private static readonly string[] TransportNames = ["sshnet", "openssh"];

    private const string TransportHint =
        "use sshnet (SSH.NET in process, the default) or openssh (the system ssh client, for ProxyCommand, FIDO or PKCS#11 keys, GSSAPI and the full ~/.ssh/config)";

    /// <summary>The <c>transport:</c> of <paramref name="map"/>, or null when it sets none (or an invalid one, reported).</summary>
    private TransportKind? ReadTransport(YamlMappingNode map, string where)
    {
        if (Find(map, "transport") is not { } node || IsNull(node))
        {
            return null;
        }

        var value = (node as YamlScalarNode)?.Value;
        if (value is not null && TryParseTransport(value) is { } kind)
        {
            return kind;
        }

        var suggestion = value is null ? null : Suggestions.Closest(value.ToLowerInvariant(), TransportNames);
        Error(node, $"the transport of {where} must be 'sshnet' or 'openssh', not {Describe(node)}", suggestion is null ? TransportHint : $"did you mean '{suggestion}'? {TransportHint}");
        return null;
    }

    /// <summary>The transport named <paramref name="name"/> (<c>sshnet</c> or <c>openssh</c>), or null.</summary>
    internal static TransportKind? TryParseTransport(string name) => name switch
    {
        "sshnet" => TransportKind.SshNet,
        "openssh" => TransportKind.OpenSsh,
        _ => null,
    };
}
