using System.Diagnostics;
using System.Text;
using FooBar.Provision.Transport;
using Xunit.Abstractions;

namespace FooBar.Provision.IntegrationTests.Contract;

/// <summary>RoundTrips counts exactly one per RunAsync and per WriteFileAsync, whatever they return, and nothing else.</summary>
public abstract class RoundTripsContract(ContractHost host, ITestOutputHelper output) : TransportContract(host, output)
{
    [Fact]
    public async Task Each_RunAsync_and_WriteFileAsync_counts_exactly_one_round_trip()
    {
        var connection = Open();
        var path = Path.Combine(TemporaryDirectory("fbssh-trips-"), "file");
        Assert.Equal(0, connection.RoundTrips);

        await AssertOneMoreAsync(connection, () => connection.RunAsync(new RemoteCommand($"true")));
        await AssertOneMoreAsync(connection, () => connection.RunAsync(new RemoteCommand($"exit 3")));
        await AssertOneMoreAsync(connection, () => connection.RunAsync(new RemoteCommand($"cat").WithStandardInput(Encoding.UTF8.GetBytes("x"))));
        await AssertOneMoreAsync(connection, () => connection.WriteFileAsync(new RemoteFile(path, Encoding.UTF8.GetBytes("x"))));
        await AssertOneMoreAsync(connection, () => Assert.ThrowsAsync<RemoteCommandFailedException>(() => connection.WriteFileAsync(new RemoteFile(path + "/under-a-file", Encoding.UTF8.GetBytes("x")))));
    }

    [Fact]
    public async Task Become_with_a_password_is_one_round_trip_too()
    {
        var connection = Open(Host.BecomeAs(Host.PasswordSudoUser, Host.Password));
        var path = Path.Combine(TemporaryDirectory("fbssh-trips-"), "file");

        await AssertOneMoreAsync(connection, () => connection.RunAsync(new RemoteCommand($"true")));
        await AssertOneMoreAsync(connection, () => connection.WriteFileAsync(new RemoteFile(path, Encoding.UTF8.GetBytes("x"))));
    }

    [Fact]
    public async Task Counts_one_round_trip_per_command_and_measures_their_cost()
    {
        var connection = Open();
        var connecting = Stopwatch.StartNew();
        await connection.RunAsync(new RemoteCommand($"true"));
        var first = connecting.Elapsed;
        var later = new List<TimeSpan>();
        for (var i = 0; i < 20; i++)
        {
            var clock = Stopwatch.StartNew();
            Assert.True((await connection.RunAsync(new RemoteCommand($"true"))).Succeeded);
            later.Add(clock.Elapsed);
        }

        later.Sort();
        Report($"connect and first command {first.TotalMilliseconds:0} ms; each later command: median {later[later.Count / 2].TotalMilliseconds:0.0} ms, " +
            $"fastest {later[0].TotalMilliseconds:0.0} ms, slowest {later[^1].TotalMilliseconds:0.0} ms (20 commands)");
        Assert.Equal(21, connection.RoundTrips);
    }

    private static async Task AssertOneMoreAsync(IHostConnection connection, Func<Task> call)
    {
        var before = connection.RoundTrips;
        await call();
        Assert.Equal(before + 1, connection.RoundTrips);
    }
}
