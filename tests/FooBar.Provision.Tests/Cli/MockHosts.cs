using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using FooBar.Provision.Inventory;
using FooBar.Provision.Transport;
using Moq;

namespace FooBar.Provision.Tests.Cli;

/// <summary>
/// A strict Moq transport: every host answers the facts script as a Debian 12 host and every probe of a probe batch with
/// <c>absent</c> (so files, directories and services are pending), or with what <c>answerProbe</c> says for that probe's
/// script. Any write (a non-read-only command or <see cref="IHostConnection.WriteFileAsync"/>) throws, so a plan that
/// tries to change something fails loudly.
/// </summary>
internal sealed partial class MockHosts
{
    private readonly ConcurrentQueue<(string Host, RemoteCommand Command)> _commands = new();
    private readonly ConcurrentQueue<HostEntry> _opened = new();
    private readonly Func<HostEntry, string, string> _answerProbe;

    public MockHosts(Func<HostEntry, Exception?>? failure = null, Func<HostEntry, string, string>? answerProbe = null)
    {
        _answerProbe = answerProbe ?? ((_, _) => "absent");
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
    public static string ProbeBatchAnswer(string script, string probeAnswer = "absent") => ProbeBatchAnswer(script, _ => probeAnswer);

    /// <summary>Answers a probe batch with what <paramref name="answer"/> says for each probe's script (the text between its markers).</summary>
    public static string ProbeBatchAnswer(string script, Func<string, string> answer)
    {
        var text = new StringBuilder();
        var matches = ProbeStart().Matches(script);
        for (var i = 0; i < matches.Count; i++)
        {
            var (marker, index) = (matches[i].Groups[1].Value, matches[i].Groups[2].Value);
            var end = i + 1 < matches.Count ? matches[i + 1].Index : script.Length;
            var probe = script[(matches[i].Index + matches[i].Length)..end];
            text.Append($"{marker} {index}\n{answer(probe)}\n{marker}-end {index} 0\n");
        }

        return text.ToString();
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

                var output = command.Script.Contains("os_id=", StringComparison.Ordinal) ? FactsAnswer(host.Name) : ProbeBatchAnswer(command.Script, probe => _answerProbe(host, probe));
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
