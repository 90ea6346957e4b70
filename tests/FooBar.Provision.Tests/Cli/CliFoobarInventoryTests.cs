using FooBar.Provision.Tests.Inventory;
using Xunit.Abstractions;

namespace FooBar.Provision.Tests.Cli;

/// <summary><c>provision plan inventory/foobar.yaml</c> with mocked SSH: www.foobar.com (8.8.8.8) is never contacted for real.</summary>
public sealed class CliFoobarInventoryTests(ITestOutputHelper output) : IDisposable
{
    // Every environment variable reads as this value, so any { env: NAME } secret of the inventory resolves.
    private const string TestSecret = "test-secret-value-4711";
    private readonly TempDirectory _directory = new();
    private readonly MockHosts _hosts = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Plan_on_the_foobar_inventory_with_mocked_ssh_finds_pending_changes_and_only_reads()
    {
        var inventory = FoobarInventory();

        var result = await CliHarness.RunAsync(_hosts.Factory.Object, _ => TestSecret, "plan", inventory);

        output.WriteLine(result.ToString());
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(_hosts.Opened, host => host.Address == "8.8.8.8");
        Assert.All(_hosts.Commands, c => Assert.True(c.Command.IsReadOnly));
        Assert.DoesNotContain(TestSecret, result.Stdout + result.Stderr, StringComparison.Ordinal);
    }

    // The repository's inventory/foobar.yaml when it exists, otherwise an equivalent one-host inventory.
    private string FoobarInventory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "inventory", "foobar.yaml");
            if (File.Exists(Path.Combine(directory.FullName, "FooBar.sln")))
            {
                return File.Exists(candidate) ? candidate : CliInventories.Write(_directory, "hosts:\n  www:\n    address: 8.8.8.8\n    roles: [base]\n");
            }
        }

        return CliInventories.Write(_directory, "hosts:\n  www:\n    address: 8.8.8.8\n    roles: [base]\n");
    }
}
