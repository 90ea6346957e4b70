using FooBar.Provision.Inventory;

namespace FooBar.Provision.Tests.Inventory;

public sealed class VariableLocationTests
{
    private const string Yaml = """
        vars:
          app_name: foobar
          base_packages: [tree, cron]
        groups:
          web:
            hosts: [www]
            vars:
              app_name: web
        hosts:
          www:
            address: 192.0.2.10
            vars:
              mysql_users:
                - name: reader
                  host: localhost
          db:
            address: 192.0.2.11
        """;

    [Fact]
    public void Each_variable_keeps_the_location_of_the_value_that_won_precedence()
    {
        var model = InventoryTestData.Parse(Yaml);

        var www = model.Hosts.Single(h => h.Name == "www");
        var db = model.Hosts.Single(h => h.Name == "db");
        Assert.Equal(new SourceLocation(InventoryTestData.FilePath, 8, 17), www.VariableLocations["app_name"]);
        Assert.Equal(new SourceLocation(InventoryTestData.FilePath, 2, 13), db.VariableLocations["app_name"]);
    }

    [Fact]
    public void Items_of_lists_and_keys_of_maps_have_their_own_locations()
    {
        var www = InventoryTestData.Parse(Yaml).Hosts.Single(h => h.Name == "www");

        Assert.Equal(new SourceLocation(InventoryTestData.FilePath, 3, 25), www.VariableLocations["base_packages[1]"]);
        Assert.Equal(new SourceLocation(InventoryTestData.FilePath, 14, 17), www.VariableLocations["mysql_users[0].name"]);
        Assert.Equal(new SourceLocation(InventoryTestData.FilePath, 15, 17), www.VariableLocations["mysql_users[0].host"]);
    }

    [Fact]
    public void A_var_override_is_located_on_the_command_line_and_drops_the_locations_it_replaced()
    {
        var www = InventoryTestData.Parse(Yaml, new Dictionary<string, string> { ["base_packages"] = "tree" }).Hosts.Single(h => h.Name == "www");

        Assert.Equal(new SourceLocation("--var base_packages", 0, 0), www.VariableLocations["base_packages"]);
        Assert.False(www.VariableLocations.ContainsKey("base_packages[1]"));
    }
}
