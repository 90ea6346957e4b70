using FooBar.Provision.Inventory;
using FooBar.Provision.Planning;
using FooBar.Provision.Roles;
using FooBar.Provision.Transport;
using Moq;
using TestKitHost = FooBar.Provision.Testing.FakeHost;

namespace FooBar.Provision.Tests.Planning;

/// <summary>Roles see the whole inventory and check themselves against it before any connection, whatever hosts run.</summary>
public sealed class CheckInventoryTests
{
    private static readonly HostEntry Lb1 = new("lb1", "192.0.2.11") { Groups = ["lb"], Roles = ["peers"], Location = new SourceLocation("/inv/ha.yaml", 3, 3) };
    private static readonly HostEntry Web1 = new("web1", "192.0.2.21") { Groups = ["web"] };
    private static readonly HostEntry Web2 = new("web2", "192.0.2.22") { Groups = ["web"] };

    [Fact]
    public void Validate_checks_a_selected_host_against_the_whole_inventory()
    {
        var catalog = new RoleCatalog([new PeersRole()]);

        Assert.Empty(catalog.Validate([Lb1], inventory: new InventoryView([Lb1, Web1, Web2])));
    }

    [Fact]
    public void A_cross_host_problem_names_the_inventory_file_the_host_the_variable_and_what_to_do()
    {
        var catalog = new RoleCatalog([new PeersRole()]);

        var problem = Assert.Single(catalog.Validate([Lb1], inventory: new InventoryView([Lb1])));

        Assert.Equal("/inv/ha.yaml:3:3", problem.Location.ToString());
        Assert.Equal("host 'lb1': variable 'peers_group' names group 'web', which has no hosts in the inventory; expected a group with at least one host (add hosts to it, or name another group)", problem.Message);
        Assert.StartsWith("for example: peers_group: web", problem.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_that_breaks_its_own_rule_is_reported_alone_without_the_inventory_check()
    {
        var catalog = new RoleCatalog([new PeersRole()]);
        var host = Lb1.WithVariables(("peers_group", "Not A Name"));

        var problem = Assert.Single(catalog.Validate([host], inventory: new InventoryView([host])));

        Assert.DoesNotContain("no hosts", problem.Message, StringComparison.Ordinal);
        Assert.Contains("peers_group", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_with_a_cross_host_problem_contacts_no_host()
    {
        var factory = new Mock<IConnectionFactory>(MockBehavior.Strict);
        var engine = new ProvisionEngine(new RoleCatalog([new PeersRole()]), factory.Object);

        var failure = await Assert.ThrowsAsync<InventoryException>(() => engine.RunAsync([Lb1], new RunOptions { Inventory = new InventoryView([Lb1, new HostEntry("db1", "192.0.2.31") { Groups = ["db"] }]) }));

        Assert.Contains("peers_group", Assert.Single(failure.Errors).Message, StringComparison.Ordinal);
        factory.Verify(f => f.Open(It.IsAny<HostEntry>()), Times.Never);
    }

    // A program built on the library gets the same check as the CLI: its users' overrides are rendered before any connection.
    [Fact]
    public async Task A_run_whose_override_names_an_unknown_variable_contacts_no_host()
    {
        using var directory = new FooBar.Provision.Tests.Inventory.TempDirectory();
        var motd = directory.Write("templates/base/motd.scriban", "{{ motd_mesage }}\n");
        var factory = new Mock<IConnectionFactory>(MockBehavior.Strict);
        var engine = new ProvisionEngine(BuiltInRoles.Catalog(), factory.Object);

        var failure = await Assert.ThrowsAsync<InventoryException>(() => engine.RunAsync([Web1 with { Roles = ["base"] }], new RunOptions { InventoryDirectory = directory.Path }));

        Assert.StartsWith($"{motd}:1:4: host 'web1': role 'base', template 'motd.scriban': unknown variable 'motd_mesage'", Assert.Single(failure.Errors).ToString(), StringComparison.Ordinal);
        factory.Verify(f => f.Open(It.IsAny<HostEntry>()), Times.Never);
    }

    [Fact]
    public async Task A_plan_of_one_host_builds_its_roles_with_the_whole_inventory()
    {
        var role = new PeersRole();
        var lb1 = new TestKitHost("lb1");

        var report = await EngineTestKit.RunAsync([role], [(Lb1, lb1)], new RunOptions { DryRun = true, Inventory = new InventoryView([Lb1, Web1, Web2]) });

        Assert.Equal(2, report.ExitCode);
        Assert.Contains("+web1 192.0.2.21", Assert.Single(Assert.Single(report.Hosts).Resources).Diff, StringComparison.Ordinal);
        Assert.Equal(["web1", "web2"], role.Seen?.HostsOf("web").Select(h => h.Name));
    }

    [Fact]
    public async Task Without_a_whole_inventory_the_roles_see_the_hosts_of_the_run()
    {
        var role = new PeersRole();

        var report = await EngineTestKit.RunAsync([role], [(Lb1, new TestKitHost("lb1")), (Web1 with { Roles = ["peers"] }, new TestKitHost("web1"))], new RunOptions { DryRun = true });

        Assert.Equal(2, report.ExitCode);
        Assert.Equal(["lb1", "web1"], role.Seen?.Hosts.Select(h => h.Name));
    }
}
