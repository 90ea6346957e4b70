using FooBar.Provision.Transport;

namespace FooBar.Provision.Resources;

/// <summary>
/// Installing new packages without dpkg's per-file fsync (<c>--force-unsafe-io</c>), and redoing such an install that did not finish.
/// </summary>
/// <remarks>
/// <para>dpkg writes every file it unpacks and fsyncs it before renaming it into place, so that a crash of the machine
/// (power cut, kernel panic) never leaves a file of an installed package empty. Those fsyncs are about half of a fresh
/// host's <c>apt-get install</c> on the lab's disk (benchmarks/results.md). A killed process loses nothing either way: only
/// a crash of the machine drops written data that was not yet on disk.</para>
/// <para>So the fsyncs are skipped only when the install adds packages and touches none that is installed (a simulation
/// shows no upgrade, downgrade or removal): nothing the host already ran on can be left broken. Before such an install the
/// packages it adds are recorded, durably, in <see cref="MarkerPath"/>; after it, one <c>sync</c> puts everything on disk
/// and the record goes. A record still there means an install that did not reach its sync: the next plan shows those
/// packages, and the apply reinstalls them (safe I/O), after removing those of their configuration files that are empty
/// (a crash's mark; dpkg would keep them as "changed by the user") so that dpkg puts them back (<c>--force-confmiss</c>).</para>
/// </remarks>
public sealed partial class AptPackages
{
    /// <summary>Where an install without per-file fsync records the packages it adds, until its final sync.</summary>
    public const string MarkerPath = MarkerDirectory + "/unsafe-io-packages";

    private const string MarkerDirectory = "/var/lib/foobar-provision";

    private const string UnsafeIoDone = "fb-unsafe-io";

    private const string UnfinishedPrefix = "unsafe_io ";

    // fb_unsafe_io PKG...: sets fb_io to dpkg's --force-unsafe-io when the install only adds packages, after recording them
    // durably. Any doubt (a repair ran, the simulation failed, the record could not be written) leaves the safe default.
    internal static ShellScript UnsafeIoFunctions(string markerDirectory) =>
        $"fb_mark_dir={markerDirectory}\n" + UnsafeIoBodies;

    private static readonly ShellScript UnsafeIoBodies = $$"""
        fb_io=''
        fb_unsafe_io() {
          [ -z "$fb_fix" ] || return 0
          fb_sim=$(apt-get -s -q -o Debug::NoLocking=1 install --no-install-recommends -- "$@" 2>/dev/null) || return 0
          if printf '%s\n' "$fb_sim" | grep -q -e '^Remv ' -e '^Inst [^ ]* \['; then return 0; fi
          fb_new=$(printf '%s\n' "$fb_sim" | awk '$1 == "Inst" { print $2 }')
          [ -n "$fb_new" ] || return 0
          mkdir -p "$fb_mark_dir" || return 0
          printf '%s\n' $fb_new > "$fb_mark_dir/unsafe-io-packages.tmp" || return 0
          sync "$fb_mark_dir/unsafe-io-packages.tmp" || return 0
          mv "$fb_mark_dir/unsafe-io-packages.tmp" "$fb_mark_dir/unsafe-io-packages" || return 0
          sync "$fb_mark_dir" || return 0
          fb_io='-o Dpkg::Options::=--force-unsafe-io'
        }
        fb_unsafe_done() { if [ -n "$fb_io" ]; then sync; rm -f "$fb_mark_dir/unsafe-io-packages"; echo fb-unsafe-io; fi; }

        """;

    // fb_empty_conffiles PKG...: removes the empty configuration files of the packages, for --force-confmiss to restore.
    internal static readonly ShellScript RedoFunctions = $$"""
        fb_empty_conffiles() {
          for fb_p in "$@"; do
            dpkg-query -W -f='${Conffiles}\n' "$fb_p" 2>/dev/null | while read -r fb_c _; do
              if [ -f "$fb_c" ] && [ ! -s "$fb_c" ]; then rm -f "$fb_c"; fi
            done
          done
          return 0
        }

        """;

    /// <summary>The probe's addition: the packages of an install without per-file fsync that did not reach its sync.</summary>
    private static ShellScript UnfinishedProbe =>
        $"; if [ -s {MarkerPath} ]; then sed 's/^/{ShellScript.Raw(UnfinishedPrefix)}/' {MarkerPath}; fi";

    private static string[] Unfinished(ProbeResult current) =>
        current.Lines.Where(l => l.StartsWith(UnfinishedPrefix, StringComparison.Ordinal))
            .Select(l => l[UnfinishedPrefix.Length..].Trim())
            .Where(p => p.Length > 0 && p.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '+' or '-' or ':'))
            .Distinct(StringComparer.Ordinal).ToArray();
}
