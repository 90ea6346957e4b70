using FooBar.Provision.Inventory;
using FooBar.Provision.Roles.Firewall;
using FooBar.Provision.Testing;

namespace FooBar.Provision.Tests.Roles.Firewall;

/// <summary>The HA inventory's hosts (documentation addresses) and a harness for one of them with nftables taught.</summary>
internal static class FirewallFixture
{
    public static InventoryView Inventory { get; } = new(
    [
        new HostEntry("lb1", "192.0.2.11") { Groups = ["lb"] },
        new HostEntry("lb2", "192.0.2.12") { Groups = ["lb"] },
        new HostEntry("web1", "192.0.2.21") { Groups = ["web"] },
        new HostEntry("web2", "192.0.2.22") { Groups = ["web"] },
        new HostEntry("db1", "192.0.2.31") { Groups = ["db"] },
        new HostEntry("db2", "2001:db8::32") { Groups = ["db"] },
    ],
    new Dictionary<string, IReadOnlyList<string>>
    {
        ["lb"] = ["lb1", "lb2"],
        ["web"] = ["web1", "web2"],
        ["db"] = ["db1", "db2"],
        ["empty"] = [],
    });

    /// <summary>A harness for <paramref name="host"/> of <see cref="Inventory"/>, with the controller at 192.0.2.250 (as the host sees it).</summary>
    public static (RoleHarness Harness, FakeNftables Nft) For(string host = "db1", string sshConnection = "192.0.2.250 50022 192.0.2.31 22")
    {
        var fake = new FakeHost(host);
        var nft = new FakeNftables(fake, sshConnection);
        return (new RoleHarness(fake, new FirewallRole()).WithInventory(Inventory), nft);
    }

    /// <summary>A <c>firewall_allow</c> entry.</summary>
    public static Dictionary<string, object?> Allow(object port, params string[] from)
    {
        var entry = new Dictionary<string, object?> { ["port"] = port };
        if (from.Length > 0)
        {
            entry["from"] = from.Cast<object?>().ToList();
        }

        return entry;
    }

    public static List<object?> List(params object?[] items) => [.. items];

    /// <summary>The rendered ruleset the role declares.</summary>
    public static string Ruleset(this RoleHarness harness) => harness.Build().One<NftRulesetResource>().Content;
}
