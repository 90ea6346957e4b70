using System.Text.Json;
using FooBar.Provision.Tests.Inventory;

namespace FooBar.Provision.Tests.Cli;

/// <summary><c>--slice K/N</c> on the verbs that contact hosts, and on check to show what a slice holds.</summary>
public sealed class CliSliceTests : IDisposable
{
    // Five hosts, not in name order in the file; ordinal order: db1, web1, web10, web2, web3.
    private const string FiveHosts = """
        vars:
          base_packages: []
          base_service: ""
        groups:
          web:
            hosts: [web3, web1, web10, web2]
        hosts:
          web3: { address: 192.0.2.3, roles: [base] }
          db1: { address: 192.0.2.4, roles: [base] }
          web1: { address: 192.0.2.1, roles: [base] }
          web10: { address: 192.0.2.10, roles: [base] }
          web2: { address: 192.0.2.2, roles: [base] }
        """;

    private readonly TempDirectory _directory = new();
    private readonly MockHosts _hosts = new();

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData("1/3", new[] { "db1", "web2" })]
    [InlineData("2/3", new[] { "web1", "web3" })]
    [InlineData("3/3", new[] { "web10" })]
    public async Task Plan_contacts_only_the_hosts_of_its_slice(string slice, string[] expected)
    {
        var result = await CliHarness.RunAsync(_hosts, "plan", Write(), "--slice", slice);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal(expected, _hosts.Opened.Select(h => h.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Apply_facts_and_plan_share_out_the_same_hosts()
    {
        var inventory = Write();
        foreach (var verb in new[] { "apply", "facts" })
        {
            var hosts = new MockHosts();
            await CliHarness.RunAsync(hosts, verb, inventory, "--slice", "2/3", verb == "apply" ? "--dry-run" : "--no-color");
            Assert.Equal(["web1", "web3"], hosts.Opened.Select(h => h.Name).Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public async Task The_slice_is_taken_after_limit()
    {
        var result = await CliHarness.RunAsync(_hosts, "plan", Write(), "--limit", "web", "--slice", "1/2");

        // web1, web10, web2, web3: slice 1 of 2 holds web1 and web2.
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal(["web1", "web2"], _hosts.Opened.Select(h => h.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Check_shows_which_hosts_a_slice_holds_and_contacts_none()
    {
        var result = await CliHarness.RunAsync(_hosts, "check", Write(), "--limit", "web", "--slice", "2/2");

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Stdout.Split('\n');
        Assert.Equal("slice 2/2: 2 of the 4 hosts selected by --limit (sorted by name, dealt round-robin into 2 slices)", lines[1]);
        // In the file's order: web3 comes before web10 there.
        Assert.StartsWith("  web3   192.0.2.3:22", lines[2], StringComparison.Ordinal);
        Assert.StartsWith("  web10  192.0.2.10:22", lines[3], StringComparison.Ordinal);
        Assert.Empty(_hosts.Opened);
    }

    [Fact]
    public async Task A_slice_without_hosts_does_nothing_says_so_and_succeeds()
    {
        var result = await CliHarness.RunAsync(_hosts, "apply", Write(), "--slice", "7/8");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("provision: slice 7/8 holds no host (the 5 selected hosts fill slices 1 to 5); nothing to do.", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(_hosts.Opened);
    }

    [Theory]
    [InlineData("plan", "0/3", "slices are numbered 1 to 3")]
    [InlineData("apply", "4/3", "slices are numbered 1 to 3")]
    [InlineData("facts", "1/0", "cuts the hosts into 0 slices")]
    [InlineData("check", "one/two", "is not K/N")]
    public async Task A_bad_slice_exits_3_before_any_host_is_contacted(string verb, string slice, string message)
    {
        var result = await CliHarness.RunAsync(_hosts, verb, Write(), "--slice", slice);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains($"<command line>: --slice ", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
        Assert.Contains("  hint: ", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(_hosts.Opened);
    }

    [Fact]
    public async Task A_bad_slice_with_json_output_is_one_JSON_document_with_exit_3()
    {
        var result = await CliHarness.RunAsync(_hosts, "plan", Write(), "--slice", "0/2", "--output", "json");

        Assert.Equal(3, result.ExitCode);
        using var document = JsonDocument.Parse(result.Stdout);
        Assert.Equal(3, document.RootElement.GetProperty("exitCode").GetInt32());
        Assert.Contains("--slice 0/2", document.RootElement.ToString(), StringComparison.Ordinal);
    }

    private string Write() => CliInventories.Write(_directory, FiveHosts);
}
