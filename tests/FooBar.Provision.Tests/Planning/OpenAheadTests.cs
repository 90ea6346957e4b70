using FooBar.Provision.Planning;
using FooBar.Provision.Reporting;
using FooBar.Provision.Resources;
using FooBar.Provision.Transport;

namespace FooBar.Provision.Tests.Planning;

/// <summary>
/// A connection that can open ahead (the SSH transports) is opened as the host starts, so the handshake overlaps
/// reading the facts cache and building the plan; its first command waits for it, and a failure to open is the host's
/// one failure to connect, reported as the first command's would be.
/// </summary>
public sealed class OpenAheadTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("fbp-ahead-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task The_connection_opens_once_before_the_first_command_and_a_converged_host_still_costs_one_round_trip()
    {
        var host = new AheadHost(Converged());

        var first = await RunAsync(host);
        var second = await RunAsync(host);

        Assert.Equal(["open", "run", "run", "open", "run"], host.Calls);
        Assert.Equal(HostStatus.Ok, first.Status);
        Assert.Equal((HostStatus.Ok, 3), (second.Status, second.RoundTrips));
    }

    [Fact]
    public async Task A_host_that_cannot_be_reached_is_reported_unreachable_with_no_command_sent()
    {
        var host = new AheadHost(Converged(), new HostUnreachableException("web1", "web1: cannot reach 192.0.2.1:22 (connection timed out)"));

        var report = await RunAsync(host);

        Assert.Equal(HostStatus.Unreachable, report.Status);
        Assert.Contains("cannot reach 192.0.2.1:22", report.Error, StringComparison.Ordinal);
        Assert.Equal(["open"], host.Calls);
    }

    [Fact]
    public async Task A_plan_that_fails_to_build_is_reported_as_such_even_while_the_connection_opens()
    {
        var inner = Converged();
        await RunAsync(new AheadHost(inner)); // the facts are cached: the plan is built before the first command
        var gate = new TaskCompletionSource();
        var host = new AheadHost(inner, opening: gate.Task);

        // The opening fails only after the run has ended: the run must not have waited for it (setting it any earlier
        // raced the plan's failure, and the unreachable host could be reported first).
        var report = await RunAsync(host, new TestRole("r", [new FailingResource()])).WaitAsync(TimeSpan.FromSeconds(30));
        gate.SetException(new HostUnreachableException("web1", "late failure nobody waits for"));

        Assert.Equal(HostStatus.Failed, report.Status);
        Assert.Contains("this plan cannot be built", report.Error, StringComparison.Ordinal);
        // The opening starts on the thread pool: when the plan fails fast enough it has not begun yet (or never
        // begins), so only "no command ran, at most one opening" is certain.
        lock (host.Calls)
        {
            Assert.DoesNotContain("run", host.Calls);
            Assert.True(host.Calls.Count <= 1, string.Join(", ", host.Calls));
        }
    }

    private static FakeHost Converged()
    {
        var host = new FakeHost("web1");
        host.State["a"] = "1";
        return host;
    }

    private async Task<HostReport> RunAsync(AheadHost host, TestRole? role = null)
    {
        var report = await EngineTestKit.RunAsync([role ?? new TestRole("r", [new TestResource("a", "1")])], [(EngineTestKit.Host("web1", "r"), host)], new RunOptions { Forks = 1, FactsCacheDirectory = _directory });
        return report.Hosts[0];
    }

    /// <summary>A fake host that records when it is opened ahead and when a command runs.</summary>
    private sealed class AheadHost(FakeHost inner, Exception? failure = null, Task? opening = null) : IHostConnection, IOpensAhead
    {
        public List<string> Calls { get; } = [];

        public string HostName => inner.HostName;

        public int RoundTrips => inner.RoundTrips;

        public async Task OpenAsync(CancellationToken cancellationToken)
        {
            lock (Calls)
            {
                Calls.Add("open");
            }

            if (opening is not null)
            {
                await opening;
            }

            if (failure is not null)
            {
                throw failure;
            }
        }

        public Task<CommandResult> RunAsync(RemoteCommand command, CancellationToken cancellationToken = default)
        {
            lock (Calls)
            {
                Calls.Add("run");
            }

            return inner.RunAsync(command, cancellationToken);
        }

        public Task WriteFileAsync(RemoteFile file, CancellationToken cancellationToken = default) => inner.WriteFileAsync(file, cancellationToken);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    /// <summary>A resource whose probe cannot even be written: the plan fails before any command.</summary>
    private sealed class FailingResource : Resource
    {
        public override string Kind => "failing";

        public override string Name => "x";

        public override ShellScript ProbeScript => throw new ProvisionException("this plan cannot be built");

        public override ResourceChange? Compare(ProbeResult current, PlanContext context) => null;
    }
}
