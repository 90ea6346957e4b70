using FooBar.Provision.Tests.Inventory;

namespace FooBar.Provision.Tests.Cli;

public sealed class CliArgumentTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly MockHosts _hosts = new();

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData("plan", "INVENTORY", "--frobnicate")]
    [InlineData("apply", "INVENTORY", "--forks", "0")]
    [InlineData("apply", "INVENTORY", "--output", "yaml")]
    [InlineData("apply", "INVENTORY", "--forks", "abc")]
    [InlineData("plan", "INVENTORY", "--forks", "10 50")]
    [InlineData("facts", "INVENTORY", "--forks", "x")]
    [InlineData("rollback", "INVENTORY", "--forks", "1.5")]
    [InlineData("apply", "INVENTORY", "--lock-wait", "soon")]
    [InlineData("verify", "INVENTORY", "--timeout", "ten")]
    [InlineData("run", "INVENTORY", "--timeout", "ten", "--", "true")]
    [InlineData("apply")]
    [InlineData("deploy", "INVENTORY")]
    [InlineData]
    public async Task A_command_line_that_does_not_parse_exits_3_and_contacts_nothing(params string[] args)
    {
        var inventory = CliInventories.Write(_directory, CliInventories.TwoWebHosts);

        var result = await CliHarness.RunAsync(_hosts, [.. args.Select(a => a == "INVENTORY" ? inventory : a)]);

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains("hint: run 'provision ", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
        Assert.Empty(_hosts.Opened);
    }

    [Theory]
    [InlineData("--limit", "nope", "--limit pattern 'nope' matches no host or group")]
    [InlineData("--limit", "www*,!www*", "selects no host")]
    [InlineData("--roles", "base,nginxx", "--roles names 'nginxx'")]
    [InlineData("--var", "motd_message", "--var 'motd_message' has no '='")]
    public async Task Bad_input_exits_3_with_the_problem_before_any_host_is_contacted(string option, string value, string message)
    {
        var inventory = CliInventories.Write(_directory, CliInventories.TwoWebHosts);

        var result = await CliHarness.RunAsync(_hosts, "apply", inventory, option, value);

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
        Assert.Contains("  hint: ", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(_hosts.Opened);
    }

    [Theory]
    [InlineData("plan")]
    [InlineData("apply")]
    [InlineData("facts")]
    [InlineData("check")]
    public async Task Help_describes_each_verb_and_exits_0(string verb)
    {
        var result = await CliHarness.RunAsync(_hosts, verb, "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("INVENTORY", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Description:", result.Stdout, StringComparison.Ordinal);
    }
}
