using System.Globalization;
using System.Text;
using FooBar.Provision.Facts;
using FooBar.Provision.Transport;

namespace FooBar.Provision.Planning;

/// <summary>
/// The first round trip of a run: the facts, the host's journal, and the apply lock (taken by an apply, only read by a
/// plan), all in one script.
/// </summary>
/// <remarks>
/// The lock is an owner file in the state directory naming the SSH connection that holds it: the host's sshd process of
/// that connection (pid and start time, found by walking up from the script's shell). It is held for as long as that
/// connection lives, so it frees itself whatever ends the controller (the connection closes with it, or when its
/// master's <c>ControlPersist</c> runs out). A <c>flock</c> on a second file only makes the check-and-take atomic.
/// </remarks>
internal static class HostOpening
{
    /// <summary>The state directory when the run names none: /var/lib for root, the user's state directory otherwise.</summary>
    private const string DefaultStateDirectory = "if [ \"$(id -u)\" = 0 ]; then sd=/var/lib/foobar-provision; else sd=\"${XDG_STATE_HOME:-$HOME/.local/state}/foobar-provision\"; fi\n";

    // The host's sshd process of this connection, as pid:starttime (field 22 of /proc/PID/stat), or "none"; and a test
    // of whether such a process still lives (the same pid with the same start time: a reused pid does not count).
    private const string Session = """
        session=none; p=$$
        while [ "$p" -gt 1 ] 2>/dev/null; do
          read -r comm < /proc/$p/comm 2>/dev/null || break
          read -r st < /proc/$p/stat 2>/dev/null || break
          st=${st##*) }; set -- $st
          case $comm in sshd*) session="$p:${20}"; break;; esac
          p=$2
        done
        alive() {
          case $1 in none|"") return 1;; esac
          want=${1#*:}
          read -r st < "/proc/${1%%:*}/stat" 2>/dev/null || return 1
          st=${st##*) }; set -- $st
          [ "${20}" = "$want" ]
        }

        """;

    public static RemoteCommand Command(RunOptions options, bool takeLock, string controller)
    {
        var script = new StringBuilder(FactsGatherer.Script).Append('\n');
        script.Append(options.StateDirectory is { } directory ? "sd=" + ShellQuote.Quote(directory) + "\n" : DefaultStateDirectory)
            .Append("echo \"state_dir=$sd\"\n")
            .Append(Session);
        if (takeLock)
        {
            var wait = ((int)Math.Ceiling(options.LockWait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            script.Append("mkdir -p \"$sd\" && chmod 700 \"$sd\" || { echo \"lock=unwritable\"; exit 0; }\n")
                .Append("exec 9>>\"$sd/lock\"\n")
                .Append("deadline=$(( $(date +%s) + ").Append(ShellQuote.Quote(wait)).Append(" ))\n")
                .Append("while :; do\n")
                .Append("  command -v flock >/dev/null && flock 9\n")
                .Append("  owner=$(sed -n 's/^session=//p' \"$sd/owner\" 2>/dev/null)\n")
                .Append("  if [ \"$owner\" = \"$session\" ] || ! alive \"${owner:-none}\"; then\n")
                .Append("    printf 'session=%s\\nsince=%s\\npid=%s\\ncontroller=%s\\n' \"$session\" \"$(date +%s)\" ")
                .Append(ShellQuote.Quote(Environment.ProcessId.ToString(CultureInfo.InvariantCulture))).Append(' ').Append(ShellQuote.Quote(controller))
                .Append(" > \"$sd/owner.new\" && mv -f \"$sd/owner.new\" \"$sd/owner\"\n")
                .Append("    echo lock=taken; break\n")
                .Append("  fi\n")
                .Append("  command -v flock >/dev/null && flock -u 9\n")
                .Append("  if [ \"$(date +%s)\" -ge \"$deadline\" ]; then echo lock=busy; break; fi\n")
                .Append("  sleep 1\n")
                .Append("done\n")
                .Append("exec 9>&-\n");
        }
        else
        {
            script.Append("owner=$(sed -n 's/^session=//p' \"$sd/owner\" 2>/dev/null)\n")
                .Append("if [ -n \"$owner\" ] && [ \"$owner\" != \"$session\" ] && alive \"$owner\"; then echo lock=busy; else echo lock=free; fi\n");
        }

        script.Append("if [ -f \"$sd/owner\" ]; then echo \"lock_owner=$(base64 -w0 < \"$sd/owner\")\"; fi\n")
            .Append("if [ -f \"$sd/").Append(HostJournal.FileName).Append("\" ]; then echo \"journal=$(base64 -w0 < \"$sd/").Append(HostJournal.FileName).Append("\")\"; fi\n");
        var command = new RemoteCommand(script.ToString());
        return takeLock ? command.WithTimeout(options.LockWait + TimeSpan.FromMinutes(1)) : command.AsReadOnly();
    }
}
