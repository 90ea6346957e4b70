using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using FooBar.Provision.Variables;
using FooBar.Provision.Variables.Rules;
using static FooBar.Provision.Variables.VariableRules;

namespace FooBar.Provision.Roles.Keepalived;

/// <summary>Every variable of the keepalived role, in one place: rule, default, description (the README's table comes from here).</summary>
internal static partial class KeepalivedVariables
{
    // The rules first: static properties are initialised in the order they are written.
    /// <summary>An IPv4 or IPv6 address with a prefix length: <c>10.99.200.100/24</c>, <c>2001:db8::100/64</c>.</summary>
    private static TextRule AddressWithPrefix { get; } = new("an IP address with its prefix length: 10.0.0.100/24 or 2001:db8::100/64", "10.99.200.100/24")
    {
        Extra = text => PrefixProblem(text),
    };

    private static TextRule IpAddress { get; } = new("an IP address (v4 or v6)", "10.99.200.11")
    {
        Extra = text => HostNames.IsIpAddress(text) ? null : $"is {VariableText.Show(text)}",
    };

    /// <summary>A Linux interface name: 1 to 15 characters, letters, digits and <c>_ . -</c>, not <c>.</c> or <c>..</c>.</summary>
    private static TextRule InterfaceName { get; } = new("a network interface name: 1 to 15 letters, digits and _ . - (eth1, ens3, bond0.100)", "eth1")
    {
        Pattern = InterfacePattern(),
        Extra = text => text is "." or ".." ? $"is {VariableText.Show(text)}" : null,
    };

    public static VariableDeclaration Vip { get; } = new("keepalived_vip", AddressWithPrefix, "the virtual IP address the hosts of the group share, with its prefix length (added on keepalived_interface of the active host)")
    {
        Required = true,
        Secret = SecretUse.Forbidden,
    };

    public static VariableDeclaration Interface { get; } = new("keepalived_interface", InterfaceName, "the network interface that carries the virtual IP and the VRRP advertisements") { Default = "eth0" };

    public static VariableDeclaration RouterId { get; } = new("keepalived_router_id", WholeNumber(1, 255), "virtual_router_id: the VRRP instance's number, the same on every host of the group and unique on the network segment") { Default = 51L };

    public static VariableDeclaration Group { get; } = new("keepalived_group", Matching(GroupNamePattern(), "an inventory group name: letters, digits and _ . -", "lb", 128), "the inventory group of the hosts that share the virtual IP: priorities follow its order, unicast peers are its other hosts; \"\" for the host's first group")
    {
        Default = "",
        Optional = true,
        Example = "lb",
    };

    public static VariableDeclaration Priority { get; } = new("keepalived_priority", WholeNumber(1, 254), "this host's VRRP priority (the highest holds the address); unset: derived from its position in the group, 200 for the first, then 190, 180...");

    public static VariableDeclaration Preempt { get; } = new("keepalived_preempt", Bool, "a host of higher priority takes the address back when it returns (the first host starts as MASTER); false: nopreempt, the address stays where it is") { Default = true };

    public static VariableDeclaration AdvertInterval { get; } = new("keepalived_advert_int", WholeNumber(1, 255), "seconds between VRRP advertisements; a backup takes over after about 3 of them are missed") { Default = 1L };

    public static VariableDeclaration Unicast { get; } = new("keepalived_unicast", Bool, "send advertisements by unicast to the other hosts of the group (keepalived_address of each) instead of multicast: for networks without multicast") { Default = false };

    public static VariableDeclaration Address { get; } = new("keepalived_address", IpAddress, "this host's own address on keepalived_interface: the unicast source, and where its peers send to (default: its inventory address)")
    {
        Secret = SecretUse.Forbidden,
        Example = "10.99.200.11",
    };

    public static VariableDeclaration TrackService { get; } = new("keepalived_track_service", Name, "a service whose failure on the active host moves the address away (vrrp_script, checked every second, 2 failures); \"\" for none")
    {
        Default = "haproxy",
        Optional = true,
    };

    public static VariableDeclaration AuthPass { get; } = new("keepalived_auth_pass", Matching(AuthPassPattern(), "1 to 8 letters, digits and . _ ~ + = @ % ^ * - (VRRP keeps 8 characters)", "{ env: VRRP_PASS }", 8), "VRRP password (auth_type PASS), a secret; unset for none")
    {
        Secret = SecretUse.Required,
        Example = "{ env: KEEPALIVED_AUTH_PASS }",
    };

    public static IReadOnlyList<VariableDeclaration> All { get; } =
    [
        Vip,
        Interface,
        RouterId,
        Group,
        Priority,
        Preempt,
        AdvertInterval,
        Unicast,
        Address,
        TrackService,
        AuthPass,
        SharedVariables.AptCacheMaxAge,
    ];

    /// <summary>The address of a value that passed <see cref="AddressWithPrefix"/>.</summary>
    public static string AddressPart(string vip) => vip[..vip.IndexOf('/', StringComparison.Ordinal)];

    private static string? PrefixProblem(string text)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return $"is {VariableText.Show(text)}, without a prefix length (/24)";
        }

        var address = text[..slash];
        var prefix = text[(slash + 1)..];
        if (!HostNames.IsIpAddress(address))
        {
            return $"is {VariableText.Show(text)}: {VariableText.Show(address)} is not an IP address";
        }

        var max = address.Contains(':', StringComparison.Ordinal) ? 128 : 32;
        if (!(prefix.Length is > 0 and <= 3 && prefix.All(char.IsAsciiDigit) && (prefix.Length == 1 || prefix[0] != '0') && int.Parse(prefix, CultureInfo.InvariantCulture) is >= 1 and var length && length <= max))
        {
            return $"is {VariableText.Show(text)}: the prefix length must be 1 to {max}";
        }

        return NotAHostAddress(IPAddress.Parse(address), int.Parse(prefix, CultureInfo.InvariantCulture)) is { } why ? $"is {VariableText.Show(text)}: {address} is {why}, not an address a host can hold" : null;
    }

    // What keeps an address from being a host's unicast address on a segment: loopback, multicast, unspecified, and in
    // IPv4 the broadcast address and the network and broadcast addresses of its own prefix.
    private static string? NotAHostAddress(IPAddress address, int prefix)
    {
        if (IPAddress.IsLoopback(address))
        {
            return "a loopback address";
        }

        if (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            return "the unspecified address";
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return address.IsIPv6Multicast ? "a multicast address" : null;
        }

        var bits = BinaryPrimitives.ReadUInt32BigEndian(address.GetAddressBytes());
        if (bits >= 0xE0000000u)
        {
            return bits == uint.MaxValue ? "the broadcast address" : bits < 0xF0000000u ? "a multicast address" : "a reserved address";
        }

        var host = prefix == 32 ? 0u : uint.MaxValue >> prefix;
        return prefix > 30 ? null : (bits & host) == 0 ? $"the network address of /{prefix}" : (bits & host) == host ? $"the broadcast address of /{prefix}" : null;
    }

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,14}$", RegexOptions.CultureInvariant)]
    private static partial Regex InterfacePattern();

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,128}$", RegexOptions.CultureInvariant)]
    private static partial Regex GroupNamePattern();

    [GeneratedRegex("^[A-Za-z0-9._~+=@%^*-]{1,8}$", RegexOptions.CultureInvariant)]
    private static partial Regex AuthPassPattern();
}
