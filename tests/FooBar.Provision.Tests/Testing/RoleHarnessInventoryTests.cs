using FooBar.Provision.Inventory;
using FooBar.Provision.Testing;
using FooBar.Provision.Tests.Planning;
using FakeHost = FooBar.Provision.Testing.FakeHost;

namespace FooBar.Provision.Tests.Testing;

/// <summary>The harness gives a role a whole inventory, as <c>provision</c> does, and checks the role against it.</summary>
public sealed class RoleHarnessInventoryTests
{
    private static readonly HostEntry Web1 = new("web1", "192.0.2.21") { Groups = ["web"] };
    private static readonly HostEntry Web2 = new("web2", "192.0.2.22") { Groups = ["web"] };

    [Fact]
    public async Task A_role_converges_with_the_peers_of_the_inventory_it_is_given()
    {
        var harness = new RoleHarness(new FakeHost("lb1"), new PeersRole()).WithInventory(new InventoryView([Web1, Web2]));

        await harness.ConvergeAsync();

        Assert.Equal("web1 192.0.2.21\nweb2 192.0.2.22\n", harness.Host.File("/etc/peers").Text);
        Assert.Equal(["web1", "web2", "lb1"], harness.Inventory.Hosts.Select(h => h.Name));
    }

    [Fact]
    public async Task A_cross_host_problem_throws_before_the_host_is_touched()
    {
        var harness = new RoleHarness(new FakeHost("lb1"), new PeersRole());

        var failure = await Assert.ThrowsAsync<InventoryException>(() => harness.PlanAsync());

        Assert.Contains("names group 'web', which has no hosts", Assert.Single(failure.Errors).Message, StringComparison.Ordinal);
        Assert.Empty(harness.Host.Sent);
        Assert.Throws<InventoryException>(() => harness.Build());
    }

    [Fact]
    public async Task The_host_of_the_inventory_named_as_the_harness_host_gives_it_its_address_groups_and_variables()
    {
        var lb1 = new HostEntry("lb1", "192.0.2.11") { Groups = ["lb"] }.WithVariables(("peers_group", "web"), ("other", "kept"));
        var harness = new RoleHarness(new FakeHost("lb1"), new PeersRole())
            .WithInventory(new InventoryView([lb1, Web1]))
            .WithVariable("peers_group", "lb");

        var entry = harness.Entry;

        Assert.Equal("192.0.2.11", entry.Address);
        Assert.Equal(["lb"], entry.Groups);
        Assert.Equal("lb", entry.Variables.GetString("peers_group"));
        Assert.Equal("kept", entry.Variables.GetString("other"));
        Assert.Equal(["lb1"], harness.Inventory.HostsOf("lb").Select(h => h.Name));
        (await harness.ApplyAsync()).AssertSucceeded();
        Assert.Equal("lb1 192.0.2.11\n", harness.Host.File("/etc/peers").Text);
    }
}
