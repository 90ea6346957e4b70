using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using FooBar.Provision.Inventory;
using FooBar.Provision.Transport;
using Moq;

namespace FooBar.Provision.Tests.Cli;

/// <summary>
/// A strict Moq transport: every host answers the facts script as a Debian 12 host and every probe of a probe batch with
/// <c>absent</c> (so files, directories and services are pending). Any write (a non-read-only command or
/// <see cref="IHostConnection.WriteFileAsync"/>) throws, so a plan that tries to change something fails loudly.
/// </summary>
internal sealed partial class MockHosts
{
    private readonly ConcurrentQueue<(string Host, RemoteCommand Command)> _commands = new();
    private readonly ConcurrentQueue<HostEntry> _opened = new();

    public MockHosts(Func<HostEntry, Exception?>? failure = null)
    {
        Factory = new Mock<IConnectionFactory>(MockBehavior.Strict);
        Factory.Setup(f => f.Open(It.IsAny<HostEntry>())).Returns((HostEntry host) => Open(host, failure?.Invoke(host)));
        Factory.As<IAsyncDisposable>().Setup(d => d.DisposeAsync()).Returns(ValueTask.CompletedTask);
    }

    public Mock<IConnectionFactory> Factory { get; }

    public List<Mock<IHostConnection>> Connections { get; } = [];

    public IReadOnlyList<(string Host, RemoteCommand Command)> Commands => [.. _commands];

    public IReadOnlyList<HostEntry> Opened => [.. _opened];

    /// <summary>The answer of a Debian 12 host to the facts script.</summary>
    public static string FactsAnswer(string hostname) =>
        $"os_id=debian\nos_version=12\ninit=systemd\npkg=apt\narch=x86_64\nhostname={hostname}\n";

    /// <summary>Answers a probe batch by its markers (<c>@@fbp-…  i</c> … <c>@@fbp-…-end i 0</c>) with <paramref name="probeAnswer"/> for each probe.</summary>
    public static string ProbeBatchAnswer(string script, string probeAnswer = "absent")
    {
        var answer = new StringBuilder();
        foreach (System.Text.RegularExpressions.Match match in ProbeStart().Matches(script))
        {
            var (marker, index) = (match.Groups[1].Value, match.Groups[2].Value);
            answer.Append($"{marker} {index}\n{probeAnswer}\n{marker}-end {index} 0\n");
        }

        return answer.ToString();
    }

    private IHostConnection Open(HostEntry host, Exception? failure)
    {
        _opened.Enqueue(host);
        var roundTrips = 0;
        var connection = new Mock<IHostConnection>(MockBehavior.Strict);
        connection.SetupGet(c => c.HostName).Returns(host.Name);
        connection.SetupGet(c => c.RoundTrips).Returns(() => roundTrips);
        connection.Setup(c => c.DisposeAsync()).Returns(ValueTask.CompletedTask);
        connection.Setup(c => c.RunAsync(It.Is<RemoteCommand>(r => r.IsReadOnly), It.IsAny<CancellationToken>()))
            .Returns((RemoteCommand command, CancellationToken _) =>
            {
                _commands.Enqueue((host.Name, command));
                Interlocked.Increment(ref roundTrips);
                if (failure is not null)
                {
                    return Task.FromException<CommandResult>(failure);
                }

                var output = command.Script.Contains("os_id=", StringComparison.Ordinal) ? FactsAnswer(host.Name) : ProbeBatchAnswer(command.Script);
                return Task.FromResult(new CommandResult(0, output, ""));
            });
        lock (Connections)
        {
            Connections.Add(connection);
        }

        return connection.Object;
    }

    [GeneratedRegex(@"echo '(@@fbp-[0-9a-f]{12}) (\d+)'")]
    private static partial Regex ProbeStart();
}
