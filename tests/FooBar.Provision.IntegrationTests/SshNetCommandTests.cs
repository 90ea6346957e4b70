using System.Diagnostics;
using System.Security.Cryptography;
using FooBar.Provision.Transport;
using FooBar.Provision.Transport.SshNet;

namespace FooBar.Provision.IntegrationTests;

/// <summary>The SSH.NET transport's own behaviour on a real sshd: channels, stdin's end, deadlines, cancellation.</summary>
[Collection(LoopbackSshd.CollectionName)]
public sealed class SshNetCommandTests(LoopbackSshd sshd) : IAsyncLifetime
{
    private readonly SshNetConnectionFactory _factory = new();
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
        Assert.Equal(1, _connection.RoundTrips);
    }

    [Fact]
    public async Task A_command_without_stdin_sees_its_end_at_once()
    {
        // Without closing stdin, SSH.NET never sends EOF: cat would wait for the deadline.
        var watch = Stopwatch.StartNew();
        var none = await _connection.RunAsync(new RemoteCommand("cat; echo done").WithTimeout(TimeSpan.FromSeconds(20)));
        var empty = await _connection.RunAsync(new RemoteCommand("cat; echo done").WithStandardInput(ReadOnlyMemory<byte>.Empty).WithTimeout(TimeSpan.FromSeconds(20)));

        Assert.Equal("done\n", none.StandardOutput);
        Assert.Equal("done\n", empty.StandardOutput);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task Passes_32_MiB_of_binary_stdin_byte_for_byte()
    {
        var input = new byte[32 * 1024 * 1024];
        new Random(7).NextBytes(input);

        var result = await _connection.RunAsync(new RemoteCommand("sha256sum | cut -d ' ' -f 1; wc -c >&2").WithStandardInput(input));

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(input)) + "\n", result.StandardOutput);
    }
}
