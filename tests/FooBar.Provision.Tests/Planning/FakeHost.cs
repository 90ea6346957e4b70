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

    /// <summary>A command containing the key fails with exit 97 (a failed validation) while the condition holds.</summary>
    public Dictionary<string, Func<bool>> InvalidWhile { get; } = new(StringComparer.Ordinal);

    public bool Unreachable { get; init; }

    /// <summary>The host's journal file, as the engine writes it by default.</summary>
    public const string JournalPath = "/var/lib/foobar-provision/journal.json";

    /// <summary>Another apply holds the lock: the owner file's lines (session, since, pid, controller), or null.</summary>
    public string? LockHeldBy { get; set; }

    /// <summary>A command containing this fragment cuts the connection (as when the controller is killed).</summary>
    public string? CutOn { get; set; }

    /// <summary>The host's facts, as its facts script prints them (change them to simulate an OS upgrade).</summary>
    public HostFacts HostFacts { get; set; } = HostFacts.Debian12 with { Hostname = name };

    /// <summary>Every command and file write, in order: <c>run: script</c> or <c>write: path</c>.</summary>
    public List<string> Log { get; } = [];

    /// <summary>Setting the key also sets another (a package install that creates a file).</summary>
    public Dictionary<string, KeyValuePair<string, string>> SideEffects { get; } = new(StringComparer.Ordinal);

    public Task<CommandResult> RunAsync(RemoteCommand command, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _roundTrips);
        Sent.Add(command);
        Log.Add("run: " + command.Script);
        if (Unreachable || (CutOn is not null && command.Script.Contains(CutOn, StringComparison.Ordinal)))
        {
            throw new HostUnreachableException(HostName, "connection refused", "check the address");
        }

        if (command.Script.Contains("os_id=", StringComparison.Ordinal))
        {
            return Ok(FactsAndState(command.Script));
        }

        if (command.Script == "rm -f " + JournalPath)
        {
            State.Remove("file:" + JournalPath);
            return Ok("");
        }

        if (command.Script.Contains("@@fbp-", StringComparison.Ordinal))
        {
            return Ok(AnswerProbes(command.Script));
        }

        foreach (var (fragment, invalid) in InvalidWhile)
        {
            if (command.Script.Contains(fragment, StringComparison.Ordinal) && invalid())
            {
                return Task.FromResult(new CommandResult(97, "", $"{fragment} failed"));
            }
        }

        foreach (Match restore in RestoreCommand().Matches(command.Script))
        {
            if (State.Remove("file:" + restore.Groups[1].Value, out var previous))
            {
                State["file:" + restore.Groups[2].Value] = previous;
            }
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
        Log.Add("write: " + file.Path);
        if (file.BackupPath is { } backup && State.TryGetValue("file:" + file.Path, out var current))
        {
            State["file:" + backup] = current;
        }

        State["file:" + file.Path] = Encoding.UTF8.GetString(file.Content.Span);
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>The facts lines the real script prints for <see cref="HostFacts"/>.</summary>
    public string FactsText =>
        $"os_id={HostFacts.OsId}\nos_version={HostFacts.OsVersion}\ninit={HostFacts.InitSystem}\npkg={HostFacts.PackageManager}\narch={HostFacts.Architecture}\nhostname={HostFacts.Hostname}\n";

    /// <summary>What earlier versions had the host print as facts_hash (and what the cache keeps): the SHA-256 of the facts lines.</summary>
    public string FactsHash => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(FactsText))).ToLowerInvariant();

    // The first round trip: facts, then the state directory, the lock and the journal, as the real script prints them;
    // with cached facts, the probes too when the cached facts lines are this host's (and an apply got the lock).
    private string FactsAndState(string script)
    {
        var output = new StringBuilder(FactsText).Append("facts_end\n");
        output.Append("state_dir=/var/lib/foobar-provision\n");
        var locked = true;
        if (script.Contains("lock=taken", StringComparison.Ordinal) || script.Contains("lock=busy", StringComparison.Ordinal))
        {
            var taking = script.Contains("echo lock=taken", StringComparison.Ordinal);
            output.Append(LockHeldBy is null ? (taking ? "lock=taken\n" : "lock=free\n") : "lock=busy\n");
            locked = !taking || LockHeldBy is null;
        }

        if (LockHeldBy is { } owner)
        {
            output.Append("lock_owner=").Append(Convert.ToBase64String(Encoding.UTF8.GetBytes(owner))).Append('\n');
        }

        if (State.TryGetValue("file:" + JournalPath, out var journal))
        {
            output.Append("journal=").Append(Convert.ToBase64String(Encoding.UTF8.GetBytes(journal))).Append('\n');
        }

        if (CachedFacts().Match(script) is { Success: true } cached)
        {
            output.Append(cached.Groups[1].Value.Replace("'\\''", "'", StringComparison.Ordinal) + "\n" == FactsText && locked ? "facts=cached\n" + AnswerProbes(script) : "facts=changed\n");
        }

        return output.ToString();
    }

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

    [GeneratedRegex(@"echo '(@@fbp-[0-9a-f]+) (\d+)'; [({] (.*?)\n[)}] </dev/null", RegexOptions.Singleline)]
    private static partial Regex ProbeSegment();

    [GeneratedRegex(@"\[ ""\$fb_facts"" = '((?:[^']|'\\'')*)' \]")]
    private static partial Regex CachedFacts();

    [GeneratedRegex(@"^mv -Tf (\S+) (\S+)$", RegexOptions.Multiline)]
    private static partial Regex RestoreCommand();

    [GeneratedRegex(@"set-state (\S+) (\S+)")]
    private static partial Regex SetStateCommand();

    internal static HostFacts Facts => HostFacts.Debian12;
}
