using System.Globalization;
using System.Text;

namespace FooBar.Provision.IntegrationTests.Contract;

/// <summary>The processes of this machine (the loopback host's, so the remote ones too), read from /proc as ps would.</summary>
internal static class HostProcesses
{
    /// <summary>The ids of the processes whose command line (its arguments joined by spaces) contains <paramref name="text"/>.</summary>
    public static int[] WithCommandLineContaining(string text) =>
        [.. CommandLines().Where(p => p.CommandLine.Contains(text, StringComparison.Ordinal)).Select(p => p.Id)];

    /// <summary>Every process's id and command line, as <c>ps -eo pid,args</c> shows them.</summary>
    public static IEnumerable<(int Id, string CommandLine)> CommandLines()
    {
        foreach (var directory in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            string commandLine;
            try
            {
                commandLine = Encoding.UTF8.GetString(File.ReadAllBytes(Path.Combine(directory, "cmdline"))).Replace('\0', ' ');
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue; // it ended while we looked
            }

            yield return (pid, commandLine);
        }
    }

    /// <summary>Waits up to <paramref name="limit"/> for <paramref name="condition"/>; returns whether it came true.</summary>
    public static async Task<bool> WaitUntilAsync(Func<bool> condition, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(10);
        }

        return true;
    }
}
