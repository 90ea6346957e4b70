using System.Globalization;
using FooBar.Provision.Transport;

namespace FooBar.Provision.Resources;

/// <summary>
/// The shell side of waiting for the package manager's locks: <c>fb_apt ARGS</c> runs <c>apt-get ARGS</c> once no process
/// holds a lock (dpkg's frontend and database locks, apt's lists and archives locks), waiting at most the limit in all.
/// </summary>
/// <remarks>
/// A holder is found in <c>/proc/locks</c> by the lock file's inode (dpkg and apt take <c>fcntl</c> locks, which
/// <c>flock</c> cannot see); its name comes from <c>/proc/PID/comm</c>. When apt still finds a lock taken (another
/// process took it between the look and apt's own attempt), apt failed before doing anything, so it is waited for and
/// run again, within the same limit. The script prints <c>fb-apt-lock-waited SECONDS PID NAME</c> when it waited, and
/// <c>fb-apt-lock-timeout SECONDS PID NAME</c> (exit 75) when the limit ran out. <c>dpkg-query</c>, which the probe
/// uses, reads dpkg's database without a lock and never waits.
/// </remarks>
internal static class AptLockWait
{
    /// <summary>The exit code of the script when the limit ran out.</summary>
    public const int TimedOut = 75;

    private const string Waited = "fb-apt-lock-waited ";
    private const string Timeout = "fb-apt-lock-timeout ";

    /// <summary>The locks dpkg and apt take.</summary>
    public static IReadOnlyList<string> LockFiles { get; } =
        ["/var/lib/dpkg/lock-frontend", "/var/lib/dpkg/lock", "/var/lib/apt/lists/lock", "/var/cache/apt/archives/lock"];

    /// <summary>The shell functions (<c>fb_apt</c>, <c>fb_apt_report</c>) for a limit of <paramref name="limit"/>; tests pass their own <paramref name="lockFiles"/>.</summary>
    public static ShellScript Functions(TimeSpan limit, IReadOnlyList<string>? lockFiles = null) =>
        $"fb_lock_limit={(long)limit.TotalSeconds}; fb_waited=0; fb_holder=''; fb_err=$(mktemp); " +
        $"fb_lock_files={string.Join(' ', lockFiles ?? LockFiles)}\n" + FunctionBodies;

    private static ShellScript FunctionBodies { get; } = $$"""
        fb_lock_holder() {
          for fb_f in $fb_lock_files; do
            [ -e "$fb_f" ] || continue
            fb_i=$(stat -c %i "$fb_f") || continue
            fb_p=$(awk -v i="$fb_i" '$2 != "->" { n = split($6, d, ":"); if (d[n] == i) { print $5; exit } }' /proc/locks)
            if [ -n "$fb_p" ]; then echo "$fb_p $(cat "/proc/$fb_p/comm" 2>/dev/null || echo unknown)"; return 0; fi
          done
        }
        fb_wait_once() {
          if [ "$fb_waited" -ge "$fb_lock_limit" ]; then
            echo "fb-apt-lock-timeout $fb_waited ${fb_holder:-0 unknown}"
            echo "the package manager's lock is still held after $fb_waited s (${fb_holder:-unknown})" >&2
            exit 75
          fi
          sleep 1; fb_waited=$((fb_waited + 1))
        }
        fb_apt() {
          while :; do
            while fb_h=$(fb_lock_holder) && [ -n "$fb_h" ]; do fb_holder=$fb_h; fb_wait_once; done
            if apt-get "$@" >/dev/null 2>"$fb_err"; then return 0; fi
            if grep -q -e 'Could not get lock' -e 'Unable to acquire' -e 'Unable to lock' "$fb_err"; then fb_wait_once; continue; fi
            cat "$fb_err" >&2; return 1
          done
        }
        fb_apt_report() { if [ "$fb_waited" -gt 0 ]; then echo "fb-apt-lock-waited $fb_waited ${fb_holder:-0 unknown}"; fi; }

        """;

    /// <summary>What the script said about waiting: seconds waited and the holder (<c>NAME (pid PID)</c>), or null when it did not wait.</summary>
    public static (int Seconds, string Holder, bool TimedOut)? Parse(string output)
    {
        foreach (var line in output.Split('\n'))
        {
            var timedOut = line.StartsWith(Timeout, StringComparison.Ordinal);
            if (!timedOut && !line.StartsWith(Waited, StringComparison.Ordinal))
            {
                continue;
            }

            var parts = line[(timedOut ? Timeout : Waited).Length..].Trim().Split(' ', 3);
            if (parts.Length == 3 && int.TryParse(parts[0], CultureInfo.InvariantCulture, out var seconds))
            {
                var holder = parts[1] == "0" ? "another process" : $"{parts[2]} (pid {parts[1]})";
                return (seconds, holder, timedOut);
            }
        }

        return null;
    }
}
