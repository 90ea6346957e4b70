using FooBar.Provision.Inventory;
using FooBar.Provision.Roles;
using FooBar.Provision.Roles.Haproxy;
using FooBar.Provision.Testing;
using FooBar.Provision.Variables;

namespace FooBar.Provision.Tests.Roles.Haproxy;

/// <summary>The haproxy role on the test kit: a load balancer lb1 in an inventory with two web servers, and a fake host on which the package does what Debian's does.</summary>
internal static class HaproxyFixture
{
    public const string Config = HaproxyRole.ConfigPath;

    /// <summary>lb1 (group lb), web1 and web2 (group web), db1 (group db), as in the HA inventories.</summary>
    public static InventoryView HaInventory(params HostEntry[] more) => new(
    [
        new HostEntry("lb1", "192.0.2.11") { Groups = ["lb"], Roles = ["haproxy"] },
        new HostEntry("web1", "192.0.2.21") { Groups = ["web"] },
        new HostEntry("web2", "192.0.2.22") { Groups = ["web"] },
        new HostEntry("db1", "192.0.2.31") { Groups = ["db"] },
        .. more,
    ]);

    /// <summary>A harness for lb1 over <paramref name="inventory"/> (default <see cref="Inventory"/>) with <paramref name="variables"/>; installing haproxy enables its service (held back, not running).</summary>
    public static RoleHarness Harness(IReadOnlyDictionary<string, object?>? variables = null, InventoryView? inventory = null)
    {
        var host = new FakeHost("lb1").WhenInstalled("haproxy", h => h.WithService("haproxy", running: false));
        return new RoleHarness(host, new HaproxyRole()).WithInventory(inventory ?? HaInventory()).WithVariables(variables ?? new Dictionary<string, object?>());
    }

    public static RoleBuilder Build(IReadOnlyDictionary<string, object?>? variables = null, InventoryView? inventory = null) => Harness(variables, inventory).Build();

    public static string ConfigText(IReadOnlyDictionary<string, object?>? variables = null, InventoryView? inventory = null) => Build(variables, inventory).File(Config).Text();

    /// <summary>The problems <c>provision check</c> reports for lb1, as one text.</summary>
    public static string Refusal(IReadOnlyDictionary<string, object?>? variables = null, InventoryView? inventory = null)
    {
        var error = Assert.Throws<InventoryException>(() => Build(variables, inventory));
        return error.Message;
    }

    public static Dictionary<string, object?> Vars(params (string Name, object? Value)[] values) => values.ToDictionary(v => v.Name, v => v.Value);

    public static SecretValue Secret(string value) => new("file:secrets/test", value);
}
