using FooBar.Provision.Inventory;
using FooBar.Provision.Testing;
using MyInfra.Roles.Backends;

namespace MyInfra.Tests;

public sealed class BackendsRoleTests
{
    [Fact]
    public async Task The_backends_are_the_hosts_of_the_group_even_when_only_the_balancer_runs()
    {
        #region inventory
        var web1 = new HostEntry("web1", "192.0.2.21") { Groups = ["web"] };
        var web2 = new HostEntry("web2", "192.0.2.22") { Groups = ["web"] };
        var harness = new RoleHarness(new FakeHost("lb1"), new BackendsRole()).WithInventory(new InventoryView([web1, web2]));

        await harness.ConvergeAsync();

        Assert.Equal("server web1 192.0.2.21:80 check\nserver web2 192.0.2.22:80 check\n", harness.Host.File("/etc/lb/backends.cfg").Text);
        #endregion
    }
}
