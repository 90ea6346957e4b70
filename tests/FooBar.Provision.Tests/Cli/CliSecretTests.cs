using FooBar.Provision.Tests.Inventory;

namespace FooBar.Provision.Tests.Cli;

public sealed class CliSecretTests : IDisposable
{
    private const string Secret = "hunter2-very-secret";
    private readonly TempDirectory _directory = new();
    private readonly MockHosts _hosts = new();

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    public async Task A_secret_in_a_template_never_appears_in_the_output_and_the_diff_shows_the_mask(string output)
    {
        var inventory = CliInventories.Write(_directory, CliInventories.SecretMotd);

        var result = await CliHarness.RunAsync(_hosts.Factory.Object, name => name == "MOTD_SECRET" ? Secret : null, "plan", inventory, "--output", output, "-vvv");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.DoesNotContain(Secret, result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, result.Stderr, StringComparison.Ordinal);
        Assert.Contains("+********", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_secret_exits_3_without_contacting_any_host()
    {
        var inventory = CliInventories.Write(_directory, CliInventories.SecretMotd);

        var result = await CliHarness.RunAsync(_hosts, "plan", inventory);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("MOTD_SECRET", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(_hosts.Opened);
    }
}
