using Xunit.Abstractions;

namespace FooBar.Provision.Tests.Cli;

/// <summary><c>provision plan inventory/foobar.yaml</c> with mocked SSH: www.foobar.com (8.8.8.8) is never contacted for real.</summary>
public sealed class CliFoobarInventoryTests(ITestOutputHelper output)
{
    // Every environment variable reads as this value, so any { env: NAME } secret of the inventory resolves.
    private const string TestSecret = "test-secret-value-4711";
    private readonly MockHosts _hosts = new();

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

    // The repository's inventory/foobar.yaml itself: www.foobar.com on 8.8.8.8, reached here only through the mock.
    private static string FoobarInventory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "FooBar.sln")))
            {
                return Path.Combine(directory.FullName, "inventory", "foobar.yaml");
            }
        }

        throw new InvalidOperationException("FooBar.sln not found above the test binaries");
    }
}
