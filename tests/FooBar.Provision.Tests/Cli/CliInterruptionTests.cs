using System.Text.Json;
using FooBar.Provision.Cli;
using FooBar.Provision.Inventory;
using FooBar.Provision.Roles;
using FooBar.Provision.Tests.Inventory;
using FooBar.Provision.Transport;
using Moq;

namespace FooBar.Provision.Tests.Cli;

/// <summary>A run cancelled by Ctrl+C or SIGTERM still ends with one line on stderr and, for --output json, one valid document.</summary>
public sealed class CliInterruptionTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData("apply", null, 130)]
    [InlineData("plan", 143, 143)]
    public async Task An_interrupted_run_prints_a_json_document_with_the_signals_exit_code(string verb, int? signal, int expected)
    {
        var (exitCode, stdout, stderr) = await RunInterruptedAsync(signal, verb, "--output", "json");

        Assert.Equal(expected, exitCode);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(expected, json.RootElement.GetProperty("exitCode").GetInt32());
        Assert.Equal(verb, json.RootElement.GetProperty("mode").GetString());
        Assert.StartsWith("provision: interrupted", json.RootElement.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("provision: interrupted: the run was cancelled", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_interrupted_run_without_json_prints_no_document()
    {
        var (exitCode, stdout, stderr) = await RunInterruptedAsync(null, "apply");

        Assert.Equal(130, exitCode);
        Assert.DoesNotContain("\"exitCode\"", stdout, StringComparison.Ordinal);
        Assert.Contains("run 'provision plan' to see what is still pending", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("plan", "nothing was changed ('plan' only reads)", "run 'provision plan' again")]
    [InlineData("facts", "nothing was changed ('facts' only reads)", "run 'provision facts' again")]
    [InlineData("run", "the command was ended on the hosts still running it", "run the command again when you are ready")]
    public async Task An_interrupted_verb_says_what_it_leaves_and_only_apply_points_at_plan_and_apply(string verb, string message, string hint)
    {
        // Before, an interrupted plan, facts or run said "changes already made stay ... then 'provision apply' to finish the job".
        var (exitCode, _, stderr) = verb == "run" ? await RunInterruptedAsync(null, verb, "--", "sleep", "30") : await RunInterruptedAsync(null, verb);

        Assert.Equal(130, exitCode);
        Assert.Contains("provision: interrupted: the run was cancelled; " + message, stderr, StringComparison.Ordinal);
        Assert.Contains("hint: " + hint, stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("provision apply", stderr, StringComparison.Ordinal);
    }

    // Runs VERB on two hosts and OPTIONS, cancelled at the first command, as TerminationSignals would with SIGNAL's code.
    private async Task<(int ExitCode, string Stdout, string Stderr)> RunInterruptedAsync(int? signal, string verb, params string[] options)
    {
        var inventory = CliInventories.Write(_directory, CliInventories.TwoWebHosts);
        using var cancellation = new CancellationTokenSource();
        var factory = Interrupting(cancellation);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var services = new CliServices(() => factory, _ => null, BuiltInRoles.Catalog, () => false);
        var exitCode = await CliApp.RunAsync([verb, inventory, .. options], stdout, stderr, services, () => signal, cancellation.Token);
        return (exitCode, stdout.ToString(), stderr.ToString());
    }

    // Every connection's first command is where the user pressed Ctrl+C: the token is cancelled and the command ends with it.
    private static IConnectionFactory Interrupting(CancellationTokenSource cancellation)
    {
        var factory = new Mock<IConnectionFactory>();
        factory.Setup(f => f.Open(It.IsAny<HostEntry>())).Returns((HostEntry host) =>
        {
            var connection = new Mock<IHostConnection>();
            connection.SetupGet(c => c.HostName).Returns(host.Name);
            connection.Setup(c => c.RunAsync(It.IsAny<RemoteCommand>(), It.IsAny<CancellationToken>()))
                .Returns(async (RemoteCommand _, CancellationToken token) =>
                {
                    await cancellation.CancelAsync();
                    token.ThrowIfCancellationRequested();
                    return new CommandResult(0, "", "");
                });
            connection.Setup(c => c.DisposeAsync()).Returns(ValueTask.CompletedTask);
            return connection.Object;
        });
        return factory.Object;
    }
}
