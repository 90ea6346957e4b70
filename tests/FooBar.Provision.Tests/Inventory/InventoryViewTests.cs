using FooBar.Provision.Facts;
using FooBar.Provision.Inventory;
using FooBar.Provision.Roles;
using FooBar.Provision.Variables;

namespace FooBar.Provision.Tests.Inventory;

public sealed class InventoryViewTests
{
    private static readonly HostEntry Lb1 = new("lb1", "192.0.2.11") { Groups = ["lb"] };
    private static readonly HostEntry Web1 = new("web1", "192.0.2.21") { Groups = ["web"] };
    private static readonly HostEntry Web2 = new("web2", "192.0.2.22") { Groups = ["web"] };

    [Fact]
    public void HostsOf_lists_a_group_in_inventory_order_whatever_order_the_group_names_them()
    {
        var view = new InventoryView([Lb1, Web1, Web2], new Dictionary<string, IReadOnlyList<string>> { ["web"] = ["web2", "web1"], ["lb"] = ["lb1"] });

        Assert.Equal(["web1", "web2"], view.HostsOf("web").Select(h => h.Name));
        Assert.Equal("192.0.2.22", view.Find("web2")?.Address);
    }

    [Fact]
    public void An_unknown_group_has_no_hosts_and_an_unknown_host_is_null()
    {
        var view = new InventoryView([Lb1, Web1]);

        Assert.Empty(view.HostsOf("db"));
        Assert.Null(view.Find("db1"));
    }

    [Fact]
    public void All_names_every_host_unless_a_group_is_called_all()
    {
        Assert.Equal(["lb1", "web1", "web2"], new InventoryView([Lb1, Web1, Web2]).HostsOf("all").Select(h => h.Name));
        var declared = new InventoryView([Lb1, Web1], new Dictionary<string, IReadOnlyList<string>> { ["all"] = ["web1"] });
        Assert.Equal(["web1"], declared.HostsOf("all").Select(h => h.Name));
    }

    [Fact]
    public void Groups_are_read_from_the_hosts_when_not_given()
    {
        var view = new InventoryView([Lb1, Web1, Web2]);

        Assert.Equal(["lb", "web"], view.Groups.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["web1", "web2"], view.Groups["web"]);
    }

    [Fact]
    public void With_puts_a_host_in_place_of_the_one_of_its_name_or_adds_it_to_its_groups()
    {
        var view = new InventoryView([Lb1, Web1]);

        var replaced = view.With(Web1 with { Address = "192.0.2.99" });
        var added = view.With(Web2);

        Assert.Equal(["lb1", "web1"], replaced.Hosts.Select(h => h.Name));
        Assert.Equal("192.0.2.99", replaced.Find("web1")?.Address);
        Assert.Equal(["web1", "web2"], added.HostsOf("web").Select(h => h.Name));
    }

    [Fact]
    public void Two_hosts_of_one_name_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new InventoryView([Web1, Web1 with { Address = "192.0.2.9" }]));
    }

    [Fact]
    public void From_a_loaded_inventory_holds_every_host_and_group()
    {
        using var directory = new TempDirectory();
        var path = directory.Write("inventory.yaml", """
            hosts:
              lb1: { address: 192.0.2.11 }
              web1: { address: 192.0.2.21 }
              web2: { address: 192.0.2.22 }
            groups:
              web: { hosts: [web2, web1] }
            """);
        var model = new InventoryLoader(new Dictionary<string, IReadOnlyList<string>>()).Load(path);

        var view = InventoryView.From(model);

        Assert.Equal(["lb1", "web1", "web2"], view.Hosts.Select(h => h.Name));
        Assert.Equal(["web1", "web2"], view.HostsOf("web").Select(h => h.Name));
    }

    [Fact]
    public void A_role_context_built_without_an_inventory_sees_its_own_host_alone()
    {
        var context = new RoleContext(Web1, HostFacts.Debian12, VariableSet.Empty, ".");

        Assert.Same(Web1, Assert.Single(context.Inventory.Hosts));
        Assert.Equal(["web1"], context.Inventory.HostsOf("web").Select(h => h.Name));
    }
}
