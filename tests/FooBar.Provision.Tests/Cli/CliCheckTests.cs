using FooBar.Provision.Tests.Inventory;

namespace FooBar.Provision.Tests.Cli;

public sealed class CliCheckTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly MockHosts _hosts = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Check_on_a_valid_inventory_exits_0_and_lists_each_host_with_its_roles()
    {
        var inventory = CliInventories.Write(_directory, CliInventories.TwoWebHosts);

        var result = await CliHarness.RunAsync(_hosts, "check", inventory);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith("inventory OK: 2 hosts, 1 group", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("www   deploy@192.0.2.20:22  roles: base  groups: web", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("www2  192.0.2.10:22  roles: base", result.Stdout, StringComparison.Ordinal);
        Assert.Empty(result.Stderr);
    }

    [Fact]
    public async Task Check_on_an_invalid_inventory_exits_3_with_file_line_column_and_a_hint()
    {
        var inventory = CliInventories.Write(_directory, """
            hosts:
              www:
                address: 8.8.8.8
                roles: [bsae]
            """);

        var result = await CliHarness.RunAsync(_hosts, "check", inventory);

        Assert.Equal(3, result.ExitCode);
        Assert.Matches(@"inventory\.yaml:4:\d+: .*bsae", result.Stderr);
        Assert.Contains("  hint: ", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("no host was contacted", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }

    [Theory]
    [InlineData("check")]
    [InlineData("plan")]
    [InlineData("apply")]
    public async Task A_bad_kex_algorithms_exits_3_before_any_host_is_contacted(string verb)
    {
        var inventory = CliInventories.Write(_directory, """
            hosts:
              www:
                address: 192.0.2.20
                kex_algorithms: [curve25519-sha256, diffie-hellman-group1-sha1]
                roles: [base]
            """);

        var result = await CliHarness.RunAsync(_hosts, verb, inventory);

        Assert.Equal(3, result.ExitCode);
        Assert.Matches(@"inventory\.yaml:4:\d+: kex_algorithms of host 'www': 'diffie-hellman-group1-sha1' is a SHA-1 key exchange", result.Stderr);
        Assert.Empty(_hosts.Opened);
    }

    [Fact]
    public async Task Check_contacts_no_host()
    {
        var inventory = CliInventories.Write(_directory, CliInventories.TwoWebHosts);

        await CliHarness.RunAsync(_hosts, "check", inventory);

        Assert.Empty(_hosts.Opened);
    }

    [Fact]
    public async Task Check_on_a_missing_file_exits_3_and_names_the_file()
    {
        var missing = Path.Combine(_directory.Path, "nope.yaml");

        var result = await CliHarness.RunAsync(_hosts, "check", missing);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("nope.yaml", result.Stderr, StringComparison.Ordinal);
    }
}
