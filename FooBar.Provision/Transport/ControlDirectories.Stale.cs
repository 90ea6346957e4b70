using System.Diagnostics;
using System.Globalization;

namespace FooBar.Provision.Transport;

/// <summary>Finding the directories of controllers that ended without cleaning up, by the PID they recorded.</summary>
internal static partial class ControlDirectories
{
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Closes the masters of the directories whose controller is gone, and deletes them. Best effort: never throws.</summary>
    internal static void RemoveStale(string? root, string sshExecutable)
    {
        try
        {
            foreach (var directory in Directory.EnumerateDirectories(root ?? Path.GetTempPath(), Prefix + "*"))
            {
                if (IsStale(directory))
                {
                    CloseMasters(directory, sshExecutable);
                    Delete(directory);
                }
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // A directory we may not read is another user's: not ours to judge.
        }
    }

    /// <summary>True when the directory's recorded controller no longer runs (or a different process has its PID now).</summary>
    private static bool IsStale(string directory)
    {
        try
        {
            var owner = Path.Combine(directory, OwnerFile);
            if (!File.Exists(owner))
            {
                // Left by a version that recorded no owner: stale once nobody touched it for a day.
                return Directory.GetLastWriteTimeUtc(directory) < DateTime.UtcNow.AddDays(-1);
            }

            var parts = File.ReadAllText(owner).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || !int.TryParse(parts[0], CultureInfo.InvariantCulture, out var pid) || !long.TryParse(parts[1], CultureInfo.InvariantCulture, out var start))
            {
                return false;
            }

            return pid != Environment.ProcessId && (!IsRunning(pid) || (start != 0 && StartTime(pid) != start));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static bool IsRunning(int pid)
    {
        if (Directory.Exists("/proc/self"))
        {
            return Directory.Exists($"/proc/{pid}");
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>The start time of a process in clock ticks since boot (field 22 of /proc/PID/stat), or 0 where there is no /proc.</summary>
    internal static long StartTime(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[19], CultureInfo.InvariantCulture);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException or ArgumentOutOfRangeException)
        {
            return 0;
        }
    }

    /// <summary>Sends <c>ssh -O exit</c> to every control socket in <paramref name="directory"/> and waits for it briefly.</summary>
    private static void CloseMasters(string directory, string sshExecutable)
    {
        string[] sockets;
        try
        {
            sockets = Directory.GetFiles(directory).Where(f => Path.GetExtension(f).Length == 0 && Path.GetFileName(f) != OwnerFile).ToArray();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return;
        }

        foreach (var socket in sockets)
        {
            try
            {
                var start = new ProcessStartInfo(sshExecutable, ["-o", "ControlPath=" + socket.Replace("%", "%%", StringComparison.Ordinal), "-O", "exit", "--", "closing"])
                {
                    UseShellExecute = false,
                    RedirectStandardInput = true,
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                };
                using var process = Process.Start(start);
                if (process is not null && !process.WaitForExit(CloseTimeout))
                {
                    process.Kill();
                }
            }
            catch (Exception exception) when (exception is System.ComponentModel.Win32Exception or InvalidOperationException)
            {
                // No ssh: the master ends by itself after ControlPersist.
            }
        }
    }
}
