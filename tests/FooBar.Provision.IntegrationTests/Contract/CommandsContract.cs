using FooBar.Provision.Transport;
using Xunit.Abstractions;

namespace FooBar.Provision.IntegrationTests.Contract;

/// <summary>Commands: exit codes, stdout and stderr kept apart, hostile words, large output, commands side by side.</summary>
public abstract class CommandsContract(ContractHost host, ITestOutputHelper output) : TransportContract(host, output)
{
    [Fact]
    public async Task Runs_a_command_and_returns_its_stdout_stderr_and_exit_code()
    {
        var result = await Open().RunAsync(new RemoteCommand($"printf out; printf err >&2; exit 3"));

        Assert.Equal(new CommandResult(3, "out", "err"), result);
    }

    [Fact]
    public async Task Stdout_and_stderr_stay_apart_when_interleaved()
    {
        var result = await Open().RunAsync(new RemoteCommand($"for i in 1 2 3; do echo out$i; echo err$i >&2; done"));

        Assert.Equal(new CommandResult(0, "out1\nout2\nout3\n", "err1\nerr2\nerr3\n"), result);
    }

    [Fact]
    public async Task A_non_zero_exit_is_a_result_not_an_exception()
    {
        var result = await Open().RunAsync(new RemoteCommand($"echo missing >&2; exit 42"));

        Assert.False(result.Succeeded);
        Assert.Equal(42, result.ExitCode);
        Assert.Equal("missing\n", result.StandardError);
    }

    [Theory]
    [InlineData("KILL", 137)]
    [InlineData("TERM", 143)]
    [InlineData("SEGV", 139)]
    public async Task A_command_ended_by_a_signal_reports_128_plus_its_number_and_names_the_signal(string signal, int expected)
    {
        // The remote shell itself is killed (as by the OOM killer): nothing it printed says why, the message must.
        var result = await Open().RunAsync(new RemoteCommand($"printf 'before\n'; kill -s {signal} $$"));

        Assert.Equal(expected, result.ExitCode);
        Assert.StartsWith($"exit {expected} (killed by signal {signal}", result.ExitText, StringComparison.Ordinal);
        Assert.StartsWith($"exit {expected} (killed by signal {signal}", FooBar.Provision.Resources.RemoteActions.Describe(result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_command_that_exits_255_itself_is_a_result_not_a_transport_failure()
    {
        var result = await Open().RunAsync(new RemoteCommand($"echo 'my own failure' >&2; exit 255"));

        Assert.Equal(new CommandResult(255, string.Empty, "my own failure\n"), result);
    }

    [Fact]
    public async Task A_command_that_failed_in_its_own_right_is_never_sent_again()
    {
        var marker = $"/tmp/fb-once-{Guid.NewGuid():N}";
        var connection = Open();

        var result = await connection.RunAsync(new RemoteCommand($"echo x >> {marker}; exit 255"));
        var count = await connection.RunAsync(new RemoteCommand($"wc -l < {marker}; rm -f {marker}"));

        Assert.Equal(255, result.ExitCode);
        Assert.Equal("1", count.StandardOutput.Trim());
    }

    [Fact]
    public async Task A_hostile_file_name_reaches_the_host_intact()
    {
        // Harmless payloads: if quoting failed they would create a second file, which the last assertion catches.
        const string name = "it's a \"test\" $(touch canary) `touch canary` ;touch canary &\n\t*?~!\\ é 🚀 שלום";
        var directory = Directory.CreateTempSubdirectory("fbssh-hostile-").FullName;
        try
        {
            ShellScript script = $"cd {directory} && touch -- {name} && ls -A";

            var result = await Open().RunAsync(new RemoteCommand(script));

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
    public async Task Large_output_on_both_streams_does_not_deadlock()
    {
        ShellScript script = $"i=0; while [ $i -lt 2000 ]; do echo 'line of output to fill the pipe buffers quickly'; " +
            $"echo 'line of error output to fill the other pipe' >&2; i=$((i+1)); done";

        var result = await Open().RunAsync(new RemoteCommand(script).WithTimeout(TimeSpan.FromSeconds(30)));

        Assert.Equal(2000, result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(2000, result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task Concurrent_commands_on_one_connection_each_get_their_own_result()
    {
        var connection = Open();
        await connection.RunAsync(new RemoteCommand($"true"));

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => connection.RunAsync(new RemoteCommand($"sleep 0.2; echo {i}; echo e{i} >&2; exit {i}"))));

        Assert.Equal(Enumerable.Range(0, 6).Select(i => new CommandResult(i, $"{i}\n", $"e{i}\n")), results);
        Assert.Equal(7, connection.RoundTrips);
    }

    [Fact]
    public async Task The_script_runs_under_sh_in_the_login_users_home()
    {
        var result = await Open().RunAsync(new RemoteCommand($"id -un; pwd; ps -o comm= -p $$"));

        Assert.Equal("root\n/root\nsh\n", result.StandardOutput);
    }

    [Fact]
    public async Task More_concurrent_commands_than_the_servers_MaxSessions_all_run()
    {
        var connection = Open();
        await connection.RunAsync(new RemoteCommand($"true"));

        // sshd allows 10 sessions per connection by default: the transport waits for a free one or opens another.
        var results = await Task.WhenAll(Enumerable.Range(0, 14).Select(i => connection.RunAsync(new RemoteCommand($"sleep 0.5; echo {i}"))));

        Assert.Equal(Enumerable.Range(0, 14).Select(i => $"{i}\n"), results.Select(r => r.StandardOutput));
        Assert.Equal(15, connection.RoundTrips);
    }

    [Fact]
    public async Task A_connection_used_after_its_factory_is_disposed_throws_ObjectDisposedException()
    {
        var factory = CreateFactory();
        var connection = factory.Open(Host.Root);
        await connection.RunAsync(new RemoteCommand($"true"));
        await ((IAsyncDisposable)factory).DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => connection.RunAsync(new RemoteCommand($"true")));
        Assert.Throws<ObjectDisposedException>(() => factory.Open(Host.Root));
    }
}
