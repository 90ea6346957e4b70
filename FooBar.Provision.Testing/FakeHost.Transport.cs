using System.Text;
using System.Text.RegularExpressions;
using FooBar.Provision.Transport;

namespace FooBar.Provision.Testing;

/// <summary>The connection side: what the host answers to the engine's facts, probes, commands and file writes.</summary>
public sealed partial class FakeHost
{
    /// <inheritdoc />
    /// <exception cref="HostUnreachableException"><see cref="Unreachable"/> is set.</exception>
    /// <exception cref="NotSupportedException">A probe the host has no model of (teach it with <see cref="OnCommand"/>).</exception>
    public Task<CommandResult> RunAsync(RemoteCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            _sent.Add(new SentCommand(command, null));
            if (Unreachable)
            {
                throw new HostUnreachableException(HostName, "connection refused (FakeHost.Unreachable)", "the fake host plays an unreachable host");
            }

            var script = command.Script;
            var result = script.Contains("os_id=", StringComparison.Ordinal) ? Ok(Opening(script))
                : script.Contains("@@fbp-", StringComparison.Ordinal) ? Ok(AnswerProbes(script))
                : Run(script, command.IsReadOnly);
            return Task.FromResult(result);
        }
    }

    /// <inheritdoc />
    public Task WriteFileAsync(RemoteFile file, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            _sent.Add(new SentCommand(null, file));
            if (Unreachable)
            {
                throw new HostUnreachableException(HostName, "connection refused (FakeHost.Unreachable)", "the fake host plays an unreachable host");
            }

            if (file.BackupPath is { } backup && _files.TryGetValue(file.Path, out var current))
            {
                _files[backup] = current with { Path = backup };
            }

            _links.Remove(file.Path);
            _files[file.Path] = new FakeFile(file.Path, file.Content.ToArray(), NormalizeMode(file.Mode), file.Owner ?? "root", file.Group ?? "root");
            return Task.CompletedTask;
        }
    }

    /// <summary>The facts lines the real script prints for <see cref="Facts"/>.</summary>
    private string FactsText =>
        $"os_id={Facts.OsId}\nos_version={Facts.OsVersion}\ninit={Facts.InitSystem}\npkg={Facts.PackageManager}\narch={Facts.Architecture}\nhostname={Facts.Hostname}\n";

    // The first round trip: facts, then the state directory, the lock and the journal, as the real script prints them;
    // with cached facts, the probes too when the cached facts lines are this host's (and an apply got the lock).
    private string Opening(string script)
    {
        var output = new StringBuilder(FactsText);
        if (!script.Contains("facts_end", StringComparison.Ordinal))
        {
            return output.ToString();
        }

        output.Append("facts_end\n");
        var stateDirectory = StateDirectoryLine().Match(script) is { Success: true } sd ? ShellText.Unquote(sd.Groups[1].Value) : "/var/lib/foobar-provision";
        output.Append("state_dir=").Append(stateDirectory).Append('\n');
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

        var journalName = JournalLine().Match(script) is { Success: true } j ? ShellText.Unquote(j.Groups[1].Value) : "journal.json";
        if (_files.TryGetValue(stateDirectory + "/" + journalName, out var journal))
        {
            output.Append("journal=").Append(Convert.ToBase64String(journal.Content.Span)).Append('\n');
        }

        if (CachedFacts().Match(script) is { Success: true } cached)
        {
            output.Append(ShellText.Unquote(cached.Groups[1].Value) + "\n" == FactsText && locked ? "facts=cached\n" + AnswerProbes(script) : "facts=changed\n");
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
            var answer = Probe(probe.Groups[3].Value);
            output.Append($"{marker} {index}\n{answer.StandardOutput.TrimEnd('\n')}\n{marker}-end {index} {answer.ExitCode}\n");
        }

        return output.ToString();
    }

    private static CommandResult Ok(string output) => new(0, output, "");

    [GeneratedRegex(@"echo '(@@fbp-[0-9a-f]+) (\d+)'; [({] (.*?)\n[)}] </dev/null", RegexOptions.Singleline)]
    private static partial Regex ProbeSegment();

    [GeneratedRegex(@"\[ ""\$fb_facts"" = (" + Word + @") \]")]
    private static partial Regex CachedFacts();

    [GeneratedRegex(@"^sd=(\S+)$", RegexOptions.Multiline)]
    private static partial Regex StateDirectoryLine();

    [GeneratedRegex(@"journal=""\$sd""/(\S+)")]
    private static partial Regex JournalLine();
}
