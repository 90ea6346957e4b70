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
    /// <remarks>The effective uid is read from the shell's own /proc entry (no process start); <c>id -u</c> where there is none.</remarks>
    private static readonly ShellScript DefaultStateDirectory = $$"""
        fb_uid=
        while read -r fb_k fb_r fb_e fb_x; do case $fb_k in Uid:) fb_uid=$fb_e; break;; esac; done 2>/dev/null </proc/self/status
        [ -n "$fb_uid" ] || fb_uid=$(id -u)
        if [ "$fb_uid" = 0 ]; then sd=/var/lib/foobar-provision; else sd="${XDG_STATE_HOME:-$HOME/.local/state}/foobar-provision"; fi

        """;

    // The session named in the lock's owner file (its first session= line), read without a process start.
    private static readonly ShellScript ReadOwner = $$"""
        owner=
        while IFS= read -r fb_l; do case $fb_l in session=*) owner=${fb_l#session=}; break;; esac; done 2>/dev/null <"$sd/owner"

        """;

    // The host's sshd process of this connection, as pid:starttime (field 22 of /proc/PID/stat), or "none"; and a test
    // of whether such a process still lives (the same pid with the same start time: a reused pid does not count).
    private static readonly ShellScript Session = $$"""
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
    /// When set, the facts lines of the last run and the probes of the plan built from them: the script runs the probes
    /// only when the fresh facts lines are the same text (and an apply got the lock), printing <c>facts=cached</c> and the
    /// probe answers framed by the probes' marker after everything else; otherwise it prints <c>facts=changed</c>.
    /// </param>
    public static RemoteCommand Command(RunOptions options, bool takeLock, string controller, (string FactsText, ShellScript ProbeScript)? cached = null)
    {
        ShellScript stateDirectory = options.StateDirectory is { } directory ? $"sd={directory}\n" : DefaultStateDirectory;
        ShellScript lockStep;
        if (takeLock)
        {
            // The wait is counted in one-second sleeps, not against a clock of whole seconds: a deadline of
            // `date +%s` + N ends up to a second early when the run starts late in a second.
            var wait = (int)Math.Ceiling(options.LockWait.TotalSeconds);
            lockStep = $$"""
                { [ -d "$sd" ] || mkdir -p "$sd"; } && chmod 700 "$sd" || { echo "lock=unwritable"; exit 0; }
                exec 9>>"$sd/lock"
                waited=0
                while :; do
                  command -v flock >/dev/null && flock 9
                  {{ReadOwner}}  if [ "$owner" = "$session" ] || ! alive "${owner:-none}"; then
                    printf 'session=%s\nsince=%s\npid=%s\ncontroller=%s\n' "$session" "$(date +%s)" {{Environment.ProcessId}} {{controller}} > "$sd/owner.new" && mv -f "$sd/owner.new" "$sd/owner"
                    fb_lock=taken; echo lock=taken; break
                  fi
                  command -v flock >/dev/null && flock -u 9
                  if [ "$waited" -ge {{wait}} ]; then fb_lock=busy; echo lock=busy; break; fi
                  sleep 1; waited=$((waited + 1))
                done
                exec 9>&-

                """;
        }
        else
        {
            lockStep = $$"""
                {{ReadOwner}}if [ -n "$owner" ] && [ "$owner" != "$session" ] && alive "$owner"; then fb_lock=busy; echo lock=busy; else echo lock=free; fi

                """;
        }

        // An apply probes only once it holds the lock: what another apply is changing is not read half-way.
        var probes = ShellScript.Empty;
        if (cached is { } expected)
        {
            ShellScript locked = takeLock ? $$""" && [ "${fb_lock:-}" = taken ]""" : ShellScript.Empty;
            probes = $$"""
                if [ "$fb_facts" = {{expected.FactsText}} ]{{locked}}; then
                echo facts=cached
                {{expected.ProbeScript}}else
                echo facts=changed
                fi

                """;
        }

        // The facts are captured and printed, then a line that ends them: their text is what the next run sends back to
        // compare (a string comparison in the shell, where a hash would cost a sha256sum start).
        ShellScript script = $$"""
            fb_lock=
            fb_facts=$(
            {{FactsGatherer.Script}}
            )
            printf '%s\nfacts_end\n' "$fb_facts"
            {{stateDirectory}}echo "state_dir=$sd"
            {{Session}}{{lockStep}}if [ "$fb_lock" = busy ] && [ -f "$sd/owner" ]; then echo "lock_owner=$(base64 -w0 < "$sd/owner")"; fi
            journal="$sd"/{{HostJournal.FileName}}
            if [ -f "$journal" ]; then echo "journal=$(base64 -w0 < "$journal")"; fi
            {{probes}}
            """;
        var command = new RemoteCommand(script);
        return takeLock ? command.WithTimeout(options.LockWait + TimeSpan.FromMinutes(cached is null ? 1 : 10)) : command.AsReadOnly();
    }
}
