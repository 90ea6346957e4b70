using FooBar.Provision.Tests.Cli;
using FooBar.Provision.Tests.Inventory;

namespace FooBar.Provision.Tests.Roles;

/// <summary><c>provision check</c> (in process, no host contacted) on an inventory written to a temporary directory.</summary>
internal static class RoleCheck
{
    public static async Task<CliResult> RunAsync(string inventoryYaml)
    {
        using var directory = new TempDirectory();
        var inventory = CliInventories.Write(directory, inventoryYaml);
        var hosts = new MockHosts();
        var result = await CliHarness.RunAsync(hosts, "check", inventory);
        Assert.Empty(hosts.Opened);
        return result;
    }
}
