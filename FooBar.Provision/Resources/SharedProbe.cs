using System.Globalization;
using FooBar.Provision.Transport;

namespace FooBar.Provision.Resources;

/// <summary>
/// Work that the probes of several resources of one host share: gathered once per probe batch, before the probes, so
/// that N resources cost one process start (one <c>systemctl</c>, one <c>mysql</c> session) instead of N.
/// </summary>
/// <remarks>
/// <para>
/// Resources whose <see cref="Resource.SharedProbe"/> is the same object (<see cref="object.Equals(object)"/>) form a
/// group when a batch holds two or more of them. The engine runs <see cref="Gather"/> once for the group, then, for each
/// member the gather vouched for, the member's <see cref="Resource.ProbeFromShared"/> with the member's lines in the
/// shell variable <c>fb_shared</c>; a member it did not vouch for runs its own <see cref="Resource.ProbeScript"/>.
/// </para>
/// <para>
/// The contract that keeps a probe's meaning: for a member it vouches for, the gather plus the member's
/// <see cref="Resource.ProbeFromShared"/> print exactly what the member's own <see cref="Resource.ProbeScript"/> would
/// print. Whenever the gather cannot be sure (a command failed, an answer is missing, a case it does not model), it
/// leaves the member out. Gathers are read-only, like every probe.
/// </para>
/// </remarks>
public abstract class SharedProbe
{
    private const string HeaderWord = "fb-member";

    /// <summary>
    /// A read-only POSIX sh script that prints, for each member it vouches for, a line <see cref="Header"/> of the
    /// member's index in <paramref name="members"/> followed by the member's lines (a member's lines may come in several
    /// such blocks; they are joined in order). Its standard error is discarded and its standard input is empty; when it
    /// exits non-zero, it vouches for no member. The shell function <c>fb_member TEXT K</c> is defined when it runs.
    /// </summary>
    /// <param name="members">The group's resources, in the batch's order.</param>
    public abstract ShellScript Gather(IReadOnlyList<Resource> members);

    /// <summary>The line that starts the lines of member <paramref name="member"/> in a gather's output: <c>fb-member K</c>.</summary>
    public static string Header(int member) => HeaderWord + " " + member.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The shell function, defined once in a batch that has groups, that sets <c>fb_shared</c> to a member's lines:
    /// <c>fb_member TEXT K</c> succeeds when TEXT (a gather's output) has at least one header of member K.
    /// Pure shell: no process is started.
    /// </summary>
    internal static ShellScript MemberFunction { get; } = $$"""
        fb_member() {
          fb_t="
        $1
        "; fb_shared=; fb_n=0
          while :; do
            case $fb_t in *"
        {{HeaderWord}} $2
        "*) ;; *) break;; esac
            fb_t="
        ${fb_t#*"
        {{HeaderWord}} $2
        "}"
            fb_s=${fb_t%%"
        {{HeaderWord}} "*}
            fb_s=${fb_s#"
        "}; fb_s=${fb_s%"
        "}
            if [ -z "$fb_shared" ]; then fb_shared=$fb_s; elif [ -n "$fb_s" ]; then fb_shared="$fb_shared
        $fb_s"; fi
            fb_n=$((fb_n + 1))
          done
          [ "$fb_n" -gt 0 ]
        }

        """;
}
