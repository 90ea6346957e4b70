using System.Text;
using System.Text.RegularExpressions;
using FooBar.Provision.Facts;
using FooBar.Provision.Transport;

namespace FooBar.Provision.Tests.Planning;

/// <summary>A small stateful host for engine tests: it understands facts, probe batches and the test resources' commands.</summary>
internal sealed partial class FakeHost(string name) : IHostConnection
{
    private int _roundTrips;

    public string HostName { get; } = name;

    public int RoundTrips => _roundTrips;

    public Dictionary<string, string> State { get; } = new(StringComparer.Ordinal);

    public List<RemoteCommand> Sent { get; } = [];

    public Dictionary<string, int> FailingCommands { get; } = new(StringComparer.Ordinal);

    public bool Unreachable { get; init; }

    /// <summary>Setting the key also sets another (a package install that creates a file).</summary>
    public Dictionary<string, KeyValuePair<string, string>> SideEffects { get; } = new(StringComparer.Ordinal);

    public Task<CommandResult> RunAsync(RemoteCommand command, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _roundTrips);
        Sent.Add(command);
        if (Unreachable)
        {
            throw new HostUnreachableException(HostName, "connection refused", "check the address");
        }

        if (command.Script.Contains("os_id=", StringComparison.Ordinal))
        {
            return Ok("os_id=debian\nos_version=12\ninit=systemd\npkg=apt\narch=x86_64\nhostname=" + HostName + "\n");
        }

        if (command.Script.Contains("@@fbp-", StringComparison.Ordinal))
        {
            return Ok(AnswerProbes(command.Script));
        }

        foreach (var (fragment, exit) in FailingCommands)
        {
            if (command.Script.Contains(fragment, StringComparison.Ordinal))
            {
                return Task.FromResult(new CommandResult(exit, "", $"{fragment} failed"));
            }
        }

        foreach (Match match in SetStateCommand().Matches(command.Script))
        {
            State[match.Groups[1].Value] = match.Groups[2].Value;
            if (SideEffects.TryGetValue(match.Groups[1].Value, out var effect))
            {
                State[effect.Key] = effect.Value;
            }
        }

        return Ok("");
    }

    public Task WriteFileAsync(RemoteFile file, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _roundTrips);
        State["file:" + file.Path] = Encoding.UTF8.GetString(file.Content.Span);
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private string AnswerProbes(string script)
    {
        var output = new StringBuilder();
        foreach (Match probe in ProbeSegment().Matches(script))
        {
            var marker = probe.Groups[1].Value;
            var index = probe.Groups[2].Value;
            var probeScript = probe.Groups[3].Value;
            var answer = probeScript.StartsWith("get-state ", StringComparison.Ordinal)
                ? State.GetValueOrDefault(probeScript["get-state ".Length..].Trim(), "absent")
                : FileAnswer(probeScript);
            output.Append($"{marker} {index}\n{answer}\n{marker}-end {index} 0\n");
        }

        return output.ToString();
    }

    // A file resource's probe: mode, owner, size, sha256 and the content in base64, as the real probe prints them.
    private string FileAnswer(string probeScript)
    {
        var file = State.FirstOrDefault(kv => kv.Key.StartsWith("file:", StringComparison.Ordinal) && probeScript.Contains(kv.Key[5..], StringComparison.Ordinal));
        if (file.Key is null || !probeScript.Contains("sha256sum", StringComparison.Ordinal))
        {
            return "absent";
        }

        var bytes = Encoding.UTF8.GetBytes(file.Value);
        var hash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes)).ToLowerInvariant();
        return $"644 root root {bytes.Length}\n{hash}\n{Convert.ToBase64String(bytes)}";
    }

    private static Task<CommandResult> Ok(string output) => Task.FromResult(new CommandResult(0, output, ""));

    [GeneratedRegex(@"echo '(@@fbp-[0-9a-f]+) (\d+)'; \( (.*?)\n\) </dev/null", RegexOptions.Singleline)]
    private static partial Regex ProbeSegment();

    [GeneratedRegex(@"set-state (\S+) (\S+)")]
    private static partial Regex SetStateCommand();

    internal static HostFacts Facts => HostFacts.Debian12;
}
