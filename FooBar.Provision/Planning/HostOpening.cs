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

    /// <summary>The opening script: facts (and their hash), state directory, lock and journal.</summary>
    /// <param name="options">The run's options (plan or apply, state directory, lock wait).</param>
    /// <param name="takeLock">True for an apply: take the lock, waiting for it a bounded time.</param>
    /// <param name="controller">Who runs this apply, recorded in the lock's owner file.</param>
    /// <param name="cached">
    /// When set, the facts of the last run and the probes of the plan built from them: the script runs the probes only
    /// when the fresh facts hash to the same value (and an apply got the lock), printing <c>facts=cached</c> and the
    /// probe answers framed by the probes' marker after everything else; otherwise it prints <c>facts=changed</c>.
    /// </param>
    public static RemoteCommand Command(RunOptions options, bool takeLock, string controller, (string FactsHash, string ProbeScript)? cached = null)
    {
        // The facts are captured, printed and hashed: the hash is what the next run sends back to compare.
        var script = new StringBuilder("fb_lock=\nfb_facts=$(\n").Append(FactsGatherer.Script).Append("\n)\n")
            .Append("printf '%s\\n' \"$fb_facts\"\n")
            .Append("fb_hash=$(printf '%s\\n' \"$fb_facts\" | sha256sum 2>/dev/null | cut -c1-64)\n")
            .Append("echo \"facts_hash=$fb_hash\"\n");
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
                .Append("    fb_lock=taken; echo lock=taken; break\n")
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
        if (cached is { } expected)
        {
            // An apply probes only once it holds the lock: what another apply is changing is not read half-way.
            script.Append("if [ -n \"$fb_hash\" ] && [ \"$fb_hash\" = ").Append(ShellQuote.Quote(expected.FactsHash)).Append(" ]")
                .Append(takeLock ? " && [ \"${fb_lock:-}\" = taken ]" : "")
                .Append("; then\necho facts=cached\n").Append(expected.ProbeScript).Append("else\necho facts=changed\nfi\n");
        }

        var command = new RemoteCommand(script.ToString());
        return takeLock ? command.WithTimeout(options.LockWait + TimeSpan.FromMinutes(cached is null ? 1 : 10)) : command.AsReadOnly();
    }
}
