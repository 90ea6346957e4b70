using FooBar.Provision.Inventory;
using static FooBar.Provision.Tests.Inventory.InventoryTestData;

namespace FooBar.Provision.Tests.Inventory;

/// <summary><c>kex_algorithms:</c> at inventory, group and host level: inherited like <c>transport:</c>, every name checked before any connection.</summary>
public sealed class InventoryKexTests
{
    [Fact]
    public void The_host_wins_over_its_groups_and_the_last_group_over_the_inventory()
    {
        var model = Parse("""
            kex_algorithms: [sntrup761x25519-sha512, curve25519-sha256]
            hosts:
              plain: { address: 10.0.0.1 }
              grouped: { address: 10.0.0.2 }
              twice: { address: 10.0.0.3 }
              own: { address: 10.0.0.4, kex_algorithms: [mlkem768x25519-sha256] }
            groups:
              first: { hosts: [twice], kex_algorithms: [ecdh-sha2-nistp256] }
              fast: { hosts: [grouped, twice, own], kex_algorithms: [curve25519-sha256, sntrup761x25519-sha512] }
            """);

        var kex = model.Hosts.ToDictionary(h => h.Name, h => string.Join(",", h.KexAlgorithms));
        Assert.Equal("sntrup761x25519-sha512,curve25519-sha256", kex["plain"]);
        Assert.Equal("curve25519-sha256,sntrup761x25519-sha512", kex["grouped"]);
        Assert.Equal("curve25519-sha256,sntrup761x25519-sha512", kex["twice"]);
        Assert.Equal("mlkem768x25519-sha256", kex["own"]);
    }

    [Fact]
    public void Without_kex_algorithms_a_host_offers_the_transports_default()
    {
        var host = Parse("""
            hosts:
              www: { address: 10.0.0.1 }
            """).Hosts[0];

        Assert.Empty(host.KexAlgorithms);
        Assert.Empty(new HostEntry("x", "y").KexAlgorithms);
    }

    [Theory]
    [InlineData("kex_algorithms: [curve25519-sha265]", "kex_algorithms of host 'web': unknown key exchange algorithm 'curve25519-sha265'", "did you mean 'curve25519-sha256'?")]
    [InlineData("kex_algorithms: [diffie-hellman-group1-sha1]", "kex_algorithms of host 'web': 'diffie-hellman-group1-sha1' is a SHA-1 key exchange over a 1024-bit group, which is not offered", "remove it;")]
    [InlineData("kex_algorithms: [diffie-hellman-group14-sha1]", "kex_algorithms of host 'web': 'diffie-hellman-group14-sha1' is a SHA-1 key exchange, which is not offered", "remove it;")]
    [InlineData("kex_algorithms: [curve25519-sha256, curve25519-sha256]", "kex_algorithms of host 'web': 'curve25519-sha256' is listed twice", "list each algorithm once")]
    public void A_bad_name_is_reported_at_the_name(string setting, string message, string hint)
    {
        var exception = Fails($$"""
            hosts:
              www: { address: 10.0.0.1 }
              web: { address: 10.0.0.2, {{setting}} }
            """);

        var error = Assert.Single(exception.Errors);
        Assert.Equal(message, error.Message);
        Assert.StartsWith(hint, error.Hint, StringComparison.Ordinal);
        Assert.Equal(3, error.Location.Line);
    }

    [Theory]
    [InlineData("kex_algorithms: curve25519-sha256", "not 'curve25519-sha256'")]
    [InlineData("kex_algorithms: []", "not an empty list")]
    [InlineData("kex_algorithms: { a: b }", "not a mapping")]
    public void Anything_but_a_non_empty_list_is_refused(string setting, string shown)
    {
        var exception = Fails($$"""
            hosts:
              www: { address: 10.0.0.1, {{setting}} }
            """);

        var error = Assert.Single(exception.Errors);
        Assert.StartsWith("kex_algorithms of host 'www' must be a non-empty list of algorithm names", error.Message, StringComparison.Ordinal);
        Assert.Contains(shown, error.Message, StringComparison.Ordinal);
        Assert.Contains("leave kex_algorithms out for the transport's default", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_names_of_a_group_and_of_the_inventory_are_reported_too()
    {
        var exception = Fails("""
            kex_algorithms: [sntrup]
            hosts:
              www: { address: 10.0.0.1 }
            groups:
              web: { hosts: [www], kex_algorithms: [curve25519] }
            """);

        Assert.Equal(
            [
                "1:18 kex_algorithms of the inventory: unknown key exchange algorithm 'sntrup'",
                "5:41 kex_algorithms of group 'web': unknown key exchange algorithm 'curve25519'",
            ],
            exception.Errors.Select(e => $"{e.Location.Line}:{e.Location.Column} {e.Message}"));
    }
}
