using FooBar.Provision.Inventory;
using FooBar.Provision.Roles;
using FooBar.Provision.Roles.Keepalived;
using FooBar.Provision.Testing;
using FooBar.Provision.Variables;

namespace FooBar.Provision.Tests.Roles.Keepalived;

/// <summary>The keepalived role on the test kit: lb1 or lb2 of group lb, as in the HA lab (eth1 on 10.99.200.0/24, the virtual IP 10.99.200.100).</summary>
internal static class KeepalivedFixture
{
    public const string Config = KeepalivedRole.ConfigPath;

    public static Dictionary<string, object?> Group { get; } = new()
    {
        ["keepalived_vip"] = "10.99.200.100/24",
        ["keepalived_interface"] = "eth1",
    };

    /// <summary>lb1 and lb2 (group lb, with their eth1 addresses), web1 (group web).</summary>
    public static InventoryView HaInventory(params HostEntry[] more) => new(
    [
        Lb("lb1", "10.99.11.2", ("keepalived_address", "10.99.200.11")),
        Lb("lb2", "10.99.12.2", ("keepalived_address", "10.99.200.12")),
        new HostEntry("web1", "10.99.13.2") { Groups = ["web"] },
        .. more,
    ]);

    public static HostEntry Lb(string name, string address, params (string Name, object? Value)[] variables) =>
        new(name, address) { Groups = ["lb"], Roles = ["keepalived"], Variables = new VariableSet(Group.Concat(variables.Select(v => KeyValuePair.Create(v.Name, v.Value)))) };

    /// <summary>A harness for <paramref name="host"/> of <paramref name="inventory"/> (default <see cref="Inventory"/>) with <paramref name="variables"/> over its inventory ones.</summary>
    public static RoleHarness Harness(string host = "lb1", IReadOnlyDictionary<string, object?>? variables = null, InventoryView? inventory = null) =>
        new RoleHarness(new FakeHost(host), new KeepalivedRole()).WithInventory(inventory ?? HaInventory()).WithVariables(variables ?? new Dictionary<string, object?>());

    public static RoleBuilder Build(string host = "lb1", IReadOnlyDictionary<string, object?>? variables = null, InventoryView? inventory = null) => Harness(host, variables, inventory).Build();

    public static string ConfigText(string host = "lb1", IReadOnlyDictionary<string, object?>? variables = null, InventoryView? inventory = null) => Build(host, variables, inventory).File(Config).Text();

    public static string Refusal(string host = "lb1", IReadOnlyDictionary<string, object?>? variables = null, InventoryView? inventory = null) =>
        Assert.Throws<InventoryException>(() => Build(host, variables, inventory)).Message;

    public static Dictionary<string, object?> Vars(params (string Name, object? Value)[] values) => values.ToDictionary(v => v.Name, v => v.Value);
}
