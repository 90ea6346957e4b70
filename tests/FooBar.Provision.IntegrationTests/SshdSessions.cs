using System.Diagnostics;
using System.Globalization;

namespace FooBar.Provision.IntegrationTests;

/// <summary>The session processes of a test's own sshd, and signals to them (a frozen or killed server end).</summary>
internal static class SshdSessions
{
    /// <summary>Every descendant of the listening sshd <paramref name="sshdPid"/>.</summary>
    public static int[] Of(int sshdPid)
    {
        var parents = new Dictionary<int, int>();
        foreach (var directory in Directory.GetDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), CultureInfo.InvariantCulture, out var pid))
            {
                try
                {
                    var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                    parents[pid] = int.Parse(fields[1], CultureInfo.InvariantCulture);
                }
                catch (IOException)
                {
                    // It ended meanwhile.
                }
            }
        }

        var found = new List<int>();
        var frontier = new Queue<int>([sshdPid]);
        while (frontier.TryDequeue(out var parent))
        {
            foreach (var child in parents.Where(p => p.Value == parent).Select(p => p.Key))
            {
                found.Add(child);
                frontier.Enqueue(child);
            }
        }

        return [.. found];
    }

    /// <summary>Sends <paramref name="signal"/> (STOP, CONT, TERM, KILL) to <paramref name="pids"/>.</summary>
    public static void Signal(string signal, IEnumerable<int> pids)
    {
        using var kill = Process.Start("kill", [$"-{signal}", .. pids.Select(p => p.ToString(CultureInfo.InvariantCulture))]);
        kill.WaitForExit();
    }
}
