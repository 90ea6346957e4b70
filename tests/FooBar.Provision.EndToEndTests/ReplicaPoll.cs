using System.Diagnostics;
using System.Globalization;

namespace FooBar.Provision.EndToEndTests;

/// <summary>
/// Watches the replica (db2) over one SSH session: it reads the visit counter, says <c>ready</c>, then reads it every
/// 20 ms until it grows and prints the time it saw the new value (the lab hosts share the machine's clock). Bounded: the
/// remote loop gives up after 10 s and the session is killed after 20 s.
/// </summary>
internal sealed class ReplicaPoll : IDisposable
{
    private const string Script = """
        q() { mysql -N -B -e 'SELECT count FROM foobar.visits WHERE id = 1'; }
        base=$(q); echo "ready $base"
        end=$(( $(date +%s) + 10 ))
        while [ "$(date +%s)" -lt "$end" ]; do
          c=$(q)
          if [ "$c" -gt "$base" ]; then echo "seen $(date +%s.%N) $c"; exit 0; fi
          sleep 0.02
        done
        echo "timeout $base"; exit 1
        """;

    private readonly Process _ssh;

    private ReplicaPoll(Process ssh) => _ssh = ssh;

    /// <summary>Starts the watch and returns once the replica's counter has been read.</summary>
    public static ReplicaPoll Start()
    {
        var start = new ProcessStartInfo("ssh") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var argument in new[] { "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=yes", "-o", $"UserKnownHostsFile={Lab.KnownHosts}", "-i", Lab.ClientKey, "-o", "LogLevel=ERROR", $"root@{Lab.Address(HaLab.Db2)}", Script })
        {
            start.ArgumentList.Add(argument);
        }

        var poll = new ReplicaPoll(Process.Start(start) ?? throw new InvalidOperationException("could not start ssh"));
        poll._ssh.StandardInput.Close();
        var ready = poll.Line();
        return ready.StartsWith("ready ", StringComparison.Ordinal) ? poll : throw new InvalidOperationException($"the replica watch did not start: {ready} {poll._ssh.StandardError.ReadToEnd()}");
    }

    /// <summary>When the replica first had a higher counter, and that counter.</summary>
    public (DateTimeOffset At, long Count) Seen()
    {
        var line = Line().Split(' ');
        if (line[0] != "seen")
        {
            throw new InvalidOperationException($"the replica's counter did not grow within 10 s: {string.Join(' ', line)}");
        }

        var at = decimal.Parse(line[1], CultureInfo.InvariantCulture);
        return (DateTimeOffset.FromUnixTimeMilliseconds((long)(at * 1000)), long.Parse(line[2], CultureInfo.InvariantCulture));
    }

    public void Dispose()
    {
        if (!_ssh.WaitForExit(TimeSpan.FromSeconds(20)))
        {
            _ssh.Kill(entireProcessTree: true);
        }

        _ssh.Dispose();
    }

    private string Line()
    {
        var read = _ssh.StandardOutput.ReadLineAsync();
        return read.Wait(TimeSpan.FromSeconds(20)) ? read.Result ?? "(end of output)" : "(nothing within 20 s)";
    }
}
