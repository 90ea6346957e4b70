using System.Net;

namespace FooBar.Provision.Roles.Firewall;

/// <summary>One accept rule of the input chain: a protocol, its ports, the sources (null: any) and the variable it came from.</summary>
/// <param name="Protocol"><c>tcp</c>, <c>udp</c> or <c>vrrp</c> (IP protocol 112, no ports).</param>
/// <param name="Ports">The destination ports (empty for VRRP).</param>
/// <param name="Sources">The source networks, none contained in another; null for any source.</param>
/// <param name="Origin">The variable (or entry) it came from, for comments and messages (<c>firewall_allow[1]</c>).</param>
internal sealed record FirewallRule(string Protocol, IReadOnlyList<long> Ports, IReadOnlyList<IPNetwork>? Sources, string Origin)
{
    /// <summary>True when the rule accepts <paramref name="protocol"/> to <paramref name="port"/> from <paramref name="source"/>.</summary>
    public bool Accepts(string protocol, long port, IPAddress source) =>
        Protocol == protocol && Ports.Contains(port) && (Sources is null || Sources.Any(n => n.Contains(source)));

    /// <summary>The nft match expressions of the rule: one per address family among its sources (one for any).</summary>
    public IEnumerable<string> Matches()
    {
        var what = Protocol switch
        {
            "vrrp" => null,
            _ => $"{Protocol} dport {Set(Ports.Select(p => p.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray())}",
        };
        if (Sources is null)
        {
            yield return what ?? "meta l4proto 112";
            yield break;
        }

        var v4 = Sources.Where(n => n.BaseAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork).Select(Show).ToArray();
        var v6 = Sources.Where(n => n.BaseAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6).Select(Show).ToArray();
        if (v4.Length > 0)
        {
            yield return $"ip saddr {Set(v4)} {what ?? "ip protocol 112"}";
        }

        if (v6.Length > 0)
        {
            yield return $"ip6 saddr {Set(v6)} {what ?? "ip6 nexthdr 112"}";
        }
    }

    private static string Set(IReadOnlyList<string> items) => items.Count == 1 ? items[0] : "{ " + string.Join(", ", items) + " }";

    private static string Show(IPNetwork network) =>
        network.PrefixLength == (network.BaseAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128) ? network.BaseAddress.ToString() : network.ToString();
}
