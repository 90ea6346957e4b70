using System.Net;

namespace FooBar.Provision.Inventory;

/// <summary>
/// The well-known public DNS resolvers (Google, Cloudflare, Quad9): addresses no reader of an inventory owns, so a
/// host aimed at one is a mistake (a copied example) and must never be connected to.
/// </summary>
/// <remarks>Addresses are compared parsed, so every spelling of one is caught (<c>8.8.8.010</c> is not 8.8.8.8 but
/// <c>0x8.8.8.8</c>, <c>::ffff:8.8.8.8</c> and <c>2001:4860:4860:0:0:0:0:8888</c> are). Host names are not resolved.</remarks>
public static class PublicResolvers
{
    private static readonly (IPAddress Address, string Owner)[] Known =
    [
        (IPAddress.Parse("8.8.8.8"), "Google Public DNS"),
        (IPAddress.Parse("8.8.4.4"), "Google Public DNS"),
        (IPAddress.Parse("2001:4860:4860::8888"), "Google Public DNS"),
        (IPAddress.Parse("2001:4860:4860::8844"), "Google Public DNS"),
        (IPAddress.Parse("1.1.1.1"), "Cloudflare DNS"),
        (IPAddress.Parse("1.0.0.1"), "Cloudflare DNS"),
        (IPAddress.Parse("2606:4700:4700::1111"), "Cloudflare DNS"),
        (IPAddress.Parse("2606:4700:4700::1001"), "Cloudflare DNS"),
        (IPAddress.Parse("9.9.9.9"), "Quad9 DNS"),
        (IPAddress.Parse("149.112.112.112"), "Quad9 DNS"),
        (IPAddress.Parse("2620:fe::fe"), "Quad9 DNS"),
        (IPAddress.Parse("2620:fe::9"), "Quad9 DNS"),
    ];

    /// <summary>Who runs the public resolver at <paramref name="address"/> (such as <c>Google Public DNS</c>), or null when it is none.</summary>
    public static string? Owner(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (!IPAddress.TryParse(address.Trim(), out var parsed))
        {
            return null;
        }

        if (parsed.IsIPv4MappedToIPv6)
        {
            parsed = parsed.MapToIPv4();
        }

        else if (parsed.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            parsed.ScopeId = 0;
        }

        return Known.FirstOrDefault(known => known.Address.Equals(parsed)).Owner;
    }

    /// <summary>The problem of a host aimed at a public resolver: why, <paramref name="consequence"/>, and how to aim it at a real server.</summary>
    /// <param name="host">The host.</param>
    /// <param name="owner">What <see cref="Owner"/> returned for its address.</param>
    /// <param name="consequence">What happens, such as <c>'plan' refuses to connect to it</c>.</param>
    public static InventoryError Problem(HostEntry host, string owner, string consequence)
    {
        ArgumentNullException.ThrowIfNull(host);
        return new InventoryError(
            host.Location ?? new SourceLocation("<inventory>", 0, 0),
            $"host '{host.Name}' has the address {host.Address}, which is a public DNS resolver ({owner}), not a server of yours; {consequence}",
            "point the host at a server you own (change its address:), or use the local lab's inventory: lab/lab.sh up, then provision plan inventory/lab.yaml");
    }

    /// <summary>The problems of a host whose address, or one of whose jump hosts, is a public resolver: one per such address.</summary>
    /// <param name="host">The host.</param>
    /// <param name="consequence">What happens, such as <c>'plan' refuses to connect to it</c>.</param>
    public static IReadOnlyList<InventoryError> Problems(HostEntry host, string consequence)
    {
        ArgumentNullException.ThrowIfNull(host);
        var problems = new List<InventoryError>();
        if (Owner(host.Address) is { } owner)
        {
            problems.Add(Problem(host, owner, consequence));
        }

        foreach (var hop in host.Jump)
        {
            if (Owner(hop.Address) is { } hopOwner)
            {
                problems.Add(new InventoryError(
                    host.Location ?? new SourceLocation("<inventory>", 0, 0),
                    $"host '{host.Name}' has the jump host {hop}, which is a public DNS resolver ({hopOwner}), not a server of yours; {consequence}",
                    "point jump: (or ProxyJump in ~/.ssh/config) at a bastion you own"));
            }
        }

        return problems;
    }
}
