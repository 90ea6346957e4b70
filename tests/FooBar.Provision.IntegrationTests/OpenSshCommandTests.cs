using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using FooBar.Provision.Transport;

namespace FooBar.Provision.IntegrationTests;

[Collection(LoopbackSshd.CollectionName)]
public sealed class OpenSshCommandTests(LoopbackSshd sshd) : IAsyncLifetime
{
    private readonly OpenSshConnectionFactory _factory = new();
    private IHostConnection _connection = null!;

    public Task InitializeAsync()
    {
        _connection = _factory.Open(sshd.Host);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Runs_a_command_and_returns_its_stdout_stderr_and_exit_code()
    {
        var result = await _connection.RunAsync(new RemoteCommand("printf out; printf err >&2; exit 3"));

        Assert.Equal(new CommandResult(3, "out", "err"), result);
    }

    [Fact]
    public async Task Passes_standard_input_through_byte_for_byte()
    {
        var input = new byte[1024 * 1024];
        new Random(42).NextBytes(input);
        input[0] = 0;
        input[^1] = 0xFF;

        var result = await _connection.RunAsync(new RemoteCommand("sha256sum | cut -d ' ' -f 1").WithStandardInput(input));

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(input)), result.StandardOutput.Trim());
    }

    [Fact]
    public async Task A_non_zero_exit_is_a_result_not_an_exception()
    {
        var result = await _connection.RunAsync(new RemoteCommand("echo missing >&2; exit 42"));

        Assert.False(result.Succeeded);
        Assert.Equal(42, result.ExitCode);
        Assert.Equal("missing\n", result.StandardError);
    }

    [Fact]
    public async Task A_command_that_exits_255_itself_is_a_result_not_an_ssh_failure()
    {
        var result = await _connection.RunAsync(new RemoteCommand("echo 'my own failure' >&2; exit 255"));

        Assert.Equal(new CommandResult(255, string.Empty, "my own failure\n"), result);
    }

    [Fact]
    public async Task A_hostile_file_name_reaches_the_host_intact()
    {
        // Harmless payloads: if quoting failed they would create a second file, which the last assertion catches.
        const string name = "it's a \"test\" $(touch canary) `touch canary` ;touch canary &\n\t*?~!\\ é 🚀 שלום";
        var directory = Directory.CreateTempSubdirectory("fbssh-hostile-").FullName;
        try
        {
            var script = $"cd {ShellQuote.Quote(directory)} && touch -- {ShellQuote.Quote(name)} && ls -A";

            var result = await _connection.RunAsync(new RemoteCommand(script));

            Assert.Equal(0, result.ExitCode);
            Assert.Equal(name + "\n", result.StandardOutput);
            Assert.Equal([Path.Combine(directory, name)], Directory.GetFileSystemEntries(directory));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task A_command_that_outlives_its_timeout_is_killed_with_CommandTimeoutException()
    {
        var stopwatch = Stopwatch.StartNew();

        var exception = await Assert.ThrowsAsync<CommandTimeoutException>(
            () => _connection.RunAsync(new RemoteCommand("sleep 30").WithTimeout(TimeSpan.FromSeconds(1))));

        Assert.InRange(stopwatch.Elapsed, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3));
        Assert.Equal("loopback", exception.HostName);
    }

    [Fact]
    public async Task Cancellation_kills_the_command_with_OperationCanceledException()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        var stopwatch = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => _connection.RunAsync(new RemoteCommand("sleep 30"), cancellation.Token));

        Assert.InRange(stopwatch.Elapsed, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task Large_output_on_both_streams_does_not_deadlock()
    {
        var script = "i=0; while [ $i -lt 2000 ]; do echo 'line of output to fill the pipe buffers quickly'; " +
            "echo 'line of error output to fill the other pipe' >&2; i=$((i+1)); done";

        var result = await _connection.RunAsync(new RemoteCommand(script).WithTimeout(TimeSpan.FromSeconds(30)));

        Assert.Equal(2000, result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(2000, result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task Each_script_is_passed_to_the_command_log_before_it_is_sent()
    {
        var logged = new List<string>();
        await using var factory = new OpenSshConnectionFactory(new OpenSshOptions { CommandLog = logged.Add });
        var connection = factory.Open(sshd.Host);
        var directory = Directory.CreateTempSubdirectory("fbssh-log-").FullName;

        await connection.RunAsync(new RemoteCommand("echo one"));
        await connection.WriteFileAsync(new RemoteFile(Path.Combine(directory, "file"), Encoding.UTF8.GetBytes("x")));
        Directory.Delete(directory, recursive: true);

        Assert.Equal(2, logged.Count);
        Assert.Equal("echo one", logged[0]);
        Assert.Contains("mv -f", logged[1], StringComparison.Ordinal);
    }
}
