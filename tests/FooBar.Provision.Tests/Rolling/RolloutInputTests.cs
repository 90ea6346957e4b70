using FooBar.Provision.Inventory;
using FooBar.Provision.Tests.Cli;
using FooBar.Provision.Tests.Inventory;

namespace FooBar.Provision.Tests.Rolling;

/// <summary>serial:, max_fail_percentage: and --serial are read before any connection; a bad value exits 3 saying where and what to write.</summary>
public sealed class RolloutInputTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly MockHosts _hosts = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void A_group_reads_its_serial_and_max_fail_percentage()
    {
        var model = Load("serial: 30%\n    max_fail_percentage: 25");

        Assert.Equal(new GroupRollout(BatchSize.Percent(30), 25), model.Rollouts["web"]);
        Assert.Equal(model.Rollouts, InventoryView.From(model).Rollouts);
    }

    [Theory]
    [InlineData("serial: 0", "the serial of group 'web' must be", "0 would run no host")]
    [InlineData("serial: 150%", "the serial of group 'web' must be", "150% is more than all the hosts")]
    [InlineData("serial: abc", "the serial of group 'web' must be", "'abc' is not a number")]
    [InlineData("max_fail_percentage: 101", "the max_fail_percentage of group 'web' must be a whole number from 0 to 100", "101")]
    [InlineData("max_fail_percentage: -5", "the max_fail_percentage of group 'web' must be a whole number from 0 to 100", "-5")]
    public async Task A_bad_group_value_exits_3_at_its_line(string line, string message, string detail)
    {
        var inventory = Write(line);

        var result = await CliHarness.RunAsync(_hosts, "check", inventory);

        Assert.Equal(3, result.ExitCode);
        Assert.Matches(@"inventory\.yaml:7:\d+: ", result.Stderr);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
        Assert.Contains(detail, result.Stderr, StringComparison.Ordinal);
        Assert.Contains("hint: for example", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(_hosts.Opened);
    }

    [Theory]
    [InlineData("plan", "--serial", "0")]
    [InlineData("apply", "--serial", "150%")]
    [InlineData("apply", "--serial", "abc")]
    [InlineData("plan", "--max-fail-percentage", "101")]
    [InlineData("apply", "--drain-timeout", "0")]
    [InlineData("apply", "--health-timeout", "soon")]
    public async Task A_bad_option_exits_3_before_any_connection(string verb, string option, string value)
    {
        var inventory = Write("serial: 1");

        var result = await CliHarness.RunAsync(_hosts, verb, inventory, option, value);

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains(option, result.Stderr, StringComparison.Ordinal);
        Assert.Empty(_hosts.Opened);
    }

    [Fact]
    public async Task A_plan_with_serial_lists_the_batches_and_touches_only_probes()
    {
        var inventory = Write("serial: 1");

        var result = await CliHarness.RunAsync(_hosts, "plan", inventory, "--serial", "100%");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.True(result.Stdout.Contains("batch 1: www, www2  planned", StringComparison.Ordinal), result.ToString());
        Assert.All(_hosts.Commands, c => Assert.True(c.Command.IsReadOnly, c.Command.Script));
    }

    [Fact]
    public async Task The_json_document_of_a_rolling_plan_has_the_batches()
    {
        var inventory = Write("serial: 1");

        var result = await CliHarness.RunAsync(_hosts, "plan", inventory, "--output", "json");

        Assert.Contains("\"rollout\": {", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"status\": \"planned\"", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"batch\": 2", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"notRun\": 0", result.Stdout, StringComparison.Ordinal);
    }

    private InventoryModel Load(string keys) => new InventoryLoader(new Dictionary<string, IReadOnlyList<string>> { ["base"] = [] }).Load(Write(keys));

    private string Write(string keys) => _directory.Write("inventory.yaml", $$"""
        hosts:
          www: { address: 192.0.2.20, roles: [base] }
          www2: { address: 192.0.2.21, roles: [base] }
        groups:
          web:
            hosts: [www, www2]
            {{keys}}
        """);
}
