using System.Diagnostics;
using System.Security.Cryptography;
using FooBar.Provision.Transport;
using Xunit.Abstractions;

namespace FooBar.Provision.IntegrationTests.Contract;

/// <summary>Standard input: closed when there is none (the command sees end-of-file), binary-safe, and large.</summary>
public abstract class StandardInputContract(ContractHost host, ITestOutputHelper output) : TransportContract(host, output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_command_without_standard_input_sees_end_of_file()
    {
        // A cat that never saw end-of-file would run until the deadline and throw CommandTimeoutException.
        var result = await Open().RunAsync(new RemoteCommand($"cat; echo after-cat").WithTimeout(Patience));

        Assert.Equal(new CommandResult(0, "after-cat\n", string.Empty), result);
    }

    [Fact]
    public async Task A_command_with_empty_standard_input_sees_end_of_file()
    {
        var result = await Open().RunAsync(new RemoteCommand($"cat; echo after-cat").WithStandardInput(ReadOnlyMemory<byte>.Empty).WithTimeout(Patience));

        Assert.Equal(new CommandResult(0, "after-cat\n", string.Empty), result);
    }

    [Fact]
    public async Task Every_byte_value_passes_through_standard_input_unchanged()
    {
        var input = Enumerable.Range(0, 4 * 256).Select(i => (byte)(i % 256)).Reverse().ToArray();

        var result = await Open().RunAsync(new RemoteCommand($"od -An -v -tx1 | tr -s ' \\n' '  '").WithStandardInput(input).WithTimeout(Patience));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Join(' ', input.Select(b => b.ToString("x2"))), result.StandardOutput.Trim());
    }

    [Fact]
    public async Task Input_the_command_reads_only_after_a_pause_longer_than_the_connect_timeout_arrives_whole()
    {
        // 8 MiB fill the channel's window and the pipes: sending waits for the command, which is not a connect wait.
        var input = new byte[8 * 1024 * 1024];
        new Random(8).NextBytes(input);
        var entry = Host.Root with { ConnectTimeoutSeconds = 2 };

        var result = await Open(entry).RunAsync(new RemoteCommand($"sleep 4; sha256sum | cut -d ' ' -f 1").WithStandardInput(input).WithTimeout(TimeSpan.FromSeconds(60)));

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(input)), result.StandardOutput.Trim());
    }

    [Fact]
    public async Task Random_binary_input_arrives_byte_for_byte()
    {
        var input = new byte[1024 * 1024];
        new Random(42).NextBytes(input);
        input[0] = 0;
        input[^1] = 0xFF;

        var result = await Open().RunAsync(new RemoteCommand($"sha256sum | cut -d ' ' -f 1").WithStandardInput(input));

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(input)), result.StandardOutput.Trim());
    }

    [Fact]
    public async Task Thirty_two_MiB_of_standard_input_arrive_whole()
    {
        var input = new byte[32 * 1024 * 1024];
        new Random(32).NextBytes(input);
        var connection = Open();
        await connection.RunAsync(new RemoteCommand($"true"));
        var clock = Stopwatch.StartNew();

        var result = await connection.RunAsync(new RemoteCommand($"sha256sum | cut -d ' ' -f 1").WithStandardInput(input).WithTimeout(TimeSpan.FromSeconds(120)));

        Report($"32 MiB of stdin round-tripped by sha256 in {Seconds(clock.Elapsed)}");
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(input)) + "\n", result.StandardOutput);
    }
}
