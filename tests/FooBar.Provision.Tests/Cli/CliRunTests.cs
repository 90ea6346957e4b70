using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using FooBar.Provision.Inventory;
using FooBar.Provision.Tests.Inventory;
using FooBar.Provision.Transport;
using Moq;

namespace FooBar.Provision.Tests.Cli;

/// <summary><c>provision run INVENTORY -- COMMAND</c>: one command on every selected host, in parallel, each host's output and exit code.</summary>
public sealed class CliRunTests : IDisposable
{
    private const string Secret = "s3cr3t-motd-value";
    private readonly TempDirectory _directory = new();
    private readonly ConcurrentQueue<(HostEntry Host, RemoteCommand Command)> _sent = new();
    private readonly Dictionary<string, Func<RemoteCommand, Task<CommandResult>>> _answers = new(StringComparer.Ordinal);
    private readonly Mock<IConnectionFactory> _factory = new(MockBehavior.Strict);

    public CliRunTests()
    {
        _factory.Setup(f => f.Open(It.IsAny<HostEntry>())).Returns((HostEntry host) => Open(host));
        _factory.As<IAsyncDisposable>().Setup(d => d.DisposeAsync()).Returns(ValueTask.CompletedTask);
    }

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Each_host_prints_its_output_and_exit_code_and_one_failure_makes_the_exit_1()
    {
        _answers["www"] = _ => Task.FromResult(new CommandResult(0, " 10:01:02 up 3 days\n", ""));
        _answers["www2"] = _ => Task.FromResult(new CommandResult(2, "", "uptime: not found\n"));

        var result = await RunAsync("run", Inventory(), "--", "uptime");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Matches(@"(?m)^www   exit 0  \d+\.\d\ds\n^www  \|  10:01:02 up 3 days$", result.Stdout);
        Assert.Matches(@"(?m)^www2  exit 2  \d+\.\d\ds\n^www2 ! uptime: not found$", result.Stdout);
        Assert.Matches(@"(?m)^run on 2 hosts finished in \d+\.\d\ds: 1 exit 0, 1 failed \(exit 1\)$", result.Stdout);
        Assert.Equal(["uptime", "uptime"], _sent.Select(s => s.Command.Script));
        Assert.All(_sent, s => Assert.False(s.Command.IsReadOnly));
    }

    [Fact]
    public async Task Every_host_exiting_0_is_exit_0()
    {
        var result = await RunAsync("run", Inventory(), "--", "true");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("run on 2 hosts finished in ", result.Stdout, StringComparison.Ordinal);
        Assert.EndsWith(": 2 exit 0\n", result.Stdout.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_words_reach_the_shell_each_as_one_word_whatever_they_hold()
    {
        string[] words = ["printf", "%s\\n", "it's", "$HOME", "; rm -rf /", "`id`", "a b", "-l", "*"];
        _answers["www"] = command => Task.FromResult(RunLocally(command.Script));

        var result = await RunAsync(["run", Inventory(), "--limit", "www", "--", .. words]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var printed = result.Stdout.Split('\n').Where(l => l.StartsWith("www | ", StringComparison.Ordinal)).Select(l => l[6..]);
        Assert.Equal(words[2..], printed);
    }

    [Fact]
    public async Task Json_gives_each_hosts_status_exit_code_and_output_in_inventory_order()
    {
        _answers["www"] = _ => Task.FromResult(new CommandResult(0, "ok\n", ""));
        _answers["www2"] = _ => Task.FromException<CommandResult>(new HostUnreachableException("www2", "www2: cannot reach 192.0.2.10:22: Connection refused", "is sshd running?"));

        var result = await RunAsync("run", Inventory(), "-o", "json", "--", "echo", "ok");

        Assert.True(result.ExitCode == 1, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        Assert.Equal("run", root.GetProperty("mode").GetString());
        Assert.Equal("echo ok", root.GetProperty("command").GetString());
        var hosts = root.GetProperty("hosts");
        Assert.Equal(("www", "ok", 0, "ok\n"), (hosts[0].GetProperty("host").GetString(), hosts[0].GetProperty("status").GetString(), hosts[0].GetProperty("exitCode").GetInt32(), hosts[0].GetProperty("stdout").GetString()));
        Assert.Equal(("www2", "unreachable", JsonValueKind.Null), (hosts[1].GetProperty("host").GetString(), hosts[1].GetProperty("status").GetString(), hosts[1].GetProperty("exitCode").ValueKind));
        Assert.Contains("Connection refused (hint: is sshd running?)", hosts[1].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal((2, 1, 0, 1), (root.GetProperty("totals").GetProperty("hosts").GetInt32(), root.GetProperty("totals").GetProperty("ok").GetInt32(), root.GetProperty("totals").GetProperty("failed").GetInt32(), root.GetProperty("totals").GetProperty("unreachable").GetInt32()));
        Assert.Equal(1, root.GetProperty("exitCode").GetInt32());
    }

    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    public async Task A_secret_of_the_inventory_the_command_prints_is_masked(string output)
    {
        _answers["www"] = _ => Task.FromResult(new CommandResult(0, $"motd: {Secret}\n", $"warning {Secret}\n"));
        var inventory = _directory.Write("secret.yaml", """
            hosts:
              www:
                address: 192.0.2.20
                roles: [base]
                vars:
                  motd_message: { env: MOTD_SECRET }
            """);

        var result = await RunAsync(name => name == "MOTD_SECRET" ? Secret : null, "run", inventory, "-o", output, "-vvv", "--", "cat", "/etc/motd");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain(Secret, result.Stdout + result.Stderr, StringComparison.Ordinal);
        Assert.Contains("motd: ********", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task What_the_command_prints_never_drives_the_terminal()
    {
        _answers["www"] = _ => Task.FromResult(new CommandResult(0, "\u001b[2J\u001b]0;owned\u0007text\r\n", ""));

        var result = await RunAsync("run", Inventory(), "--limit", "www", "--", "cat", "x");

        Assert.Contains("www | ?[2J?]0;owned?text\n", result.Stdout.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', result.Stdout);
    }

    [Fact]
    public async Task Become_runs_the_command_through_sudo_on_every_host_and_without_it_the_inventory_decides()
    {
        await RunAsync("run", Inventory(), "--become", "--", "id");
        var become = _sent.Select(s => s.Host.Become).ToArray();
        _sent.Clear();
        await RunAsync("run", Inventory(), "--", "id");

        Assert.Equal([true, true], become);
        Assert.Equal([false, false], _sent.Select(s => s.Host.Become));
    }

    [Fact]
    public async Task Timeout_bounds_the_command_on_each_host()
    {
        await RunAsync("run", Inventory(), "--timeout", "7", "--", "sleep", "60");

        Assert.All(_sent, s => Assert.Equal(TimeSpan.FromSeconds(7), s.Command.Timeout));
    }

    [Fact]
    public async Task Forks_bounds_how_many_hosts_run_at_once()
    {
        var running = 0;
        var most = 0;
        foreach (var host in new[] { "www", "www2" })
        {
            _answers[host] = async _ =>
            {
                most = Math.Max(most, Interlocked.Increment(ref running));
                await Task.Delay(100);
                Interlocked.Decrement(ref running);
                return new CommandResult(0, "", "");
            };
        }

        await RunAsync("run", Inventory(), "--forks", "1", "--", "true");
        var serial = most;
        most = 0;
        await RunAsync("run", Inventory(), "--", "true");

        Assert.Equal((1, 2), (serial, most));
    }

    [Theory]
    [InlineData(new[] { "uptime" }, "the command to run must come after '--'")]
    [InlineData(new[] { "--" }, "Required argument missing for command: 'run'")]
    [InlineData(new[] { "--limit", "nope", "--", "uptime" }, "--limit pattern 'nope' matches no host or group")]
    [InlineData(new[] { "--timeout", "0", "--", "uptime" }, "--timeout must be between 1 and 86400 seconds")]
    public async Task Bad_input_is_exit_3_and_contacts_nothing(string[] rest, string message)
    {
        var result = await RunAsync(["run", Inventory(), .. rest]);

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
        Assert.Empty(_sent);
        _factory.Verify(f => f.Open(It.IsAny<HostEntry>()), Times.Never);
    }

    [Fact]
    public async Task A_command_that_times_out_fails_its_host_without_an_exit_code()
    {
        _answers["www"] = _ => Task.FromException<CommandResult>(new CommandTimeoutException("www", "the command did not finish within 7 s", "raise --timeout"));

        var result = await RunAsync("run", Inventory(), "--limit", "www", "--", "sleep", "60");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("www  FAILED  www: the command did not finish within 7 s (hint: raise --timeout)", result.Stdout, StringComparison.Ordinal);
    }

    private static CommandResult RunLocally(string script)
    {
        using var process = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", script]) { RedirectStandardOutput = true, RedirectStandardError = true }) ?? throw new InvalidOperationException("no /bin/sh");
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return new CommandResult(process.ExitCode, output, error);
    }

    private IHostConnection Open(HostEntry host)
    {
        var connection = new Mock<IHostConnection>(MockBehavior.Strict);
        connection.SetupGet(c => c.HostName).Returns(host.Name);
        connection.SetupGet(c => c.RoundTrips).Returns(1);
        connection.Setup(c => c.DisposeAsync()).Returns(ValueTask.CompletedTask);
        connection.Setup(c => c.RunAsync(It.IsAny<RemoteCommand>(), It.IsAny<CancellationToken>()))
            .Returns((RemoteCommand command, CancellationToken _) =>
            {
                _sent.Enqueue((host, command));
                return _answers.TryGetValue(host.Name, out var answer) ? answer(command) : Task.FromResult(new CommandResult(0, "", ""));
            });
        return connection.Object;
    }

    private string Inventory() => CliInventories.Write(_directory, CliInventories.TwoWebHosts);

    private Task<CliResult> RunAsync(params string[] args) => RunAsync(_ => null, args);

    private Task<CliResult> RunAsync(Func<string, string?> environment, params string[] args) =>
        CliHarness.RunAsync(_factory.Object, environment, args);
}
