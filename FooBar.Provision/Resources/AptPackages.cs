using FooBar.Provision.Transport;

namespace FooBar.Provision.Resources;

/// <summary>Debian packages that must be installed; all the missing ones go in one <c>apt-get install</c>.</summary>
/// <remarks>
/// The engine merges every <see cref="AptPackages"/> of a host into one resource, so a host costs one install
/// however many roles it has. The package cache is refreshed first when it is older than <see cref="CacheMaxAge"/>.
/// Services that packages would start are held back (a <c>policy-rc.d</c> that answers 101 during the install):
/// they start only once their role has written their configuration. An install that only adds packages skips dpkg's
/// per-file fsync and syncs once at its end, and one that did not reach that sync is redone (<c>AptPackages.UnsafeIo.cs</c>).
/// </remarks>
public sealed partial class AptPackages : Resource
{
    // An install cut short on the host (apt-get or dpkg killed: power cut, OOM killer) leaves dpkg interrupted, and apt-get
    // then refuses everything ("dpkg was interrupted, you must manually run 'dpkg --configure -a'"). Once no process holds
    // the locks, such a state is finished first: dpkg --configure -a, then the install runs with -f (fix-broken), which
    // completes the packages left unpacked without their dependencies. Prints fb-dpkg-repaired when it did.
    private static readonly ShellScript RepairFunction = $$"""
        fb_fix=''
        fb_dpkg_repair() {
          while :; do
            while fb_h=$(fb_lock_holder) && [ -n "$fb_h" ]; do fb_holder=$fb_h; fb_wait_once; done
            if [ -z "$(ls -A /var/lib/dpkg/updates 2>/dev/null)" ] && [ -z "$(dpkg --audit 2>/dev/null)" ]; then return 0; fi
            if dpkg --configure -a >/dev/null 2>"$fb_err" || ! grep -q 'locked by another' "$fb_err"; then fb_fix=-f; echo fb-dpkg-repaired; return 0; fi
            fb_wait_once
          done
        }

        """;

    private const string Repaired = "fb-dpkg-repaired";

    /// <summary>Creates the resource.</summary>
    public AptPackages(IEnumerable<string> packages, TimeSpan? cacheMaxAge = null)
    {
        ArgumentNullException.ThrowIfNull(packages);
        Packages = packages.Distinct(StringComparer.Ordinal).ToArray();
        foreach (var package in Packages)
        {
            if (package.Length == 0 || !package.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '+' or '-' or ':'))
            {
                throw new ArgumentException($"'{package}' is not a valid Debian package name", nameof(packages));
            }
        }

        CacheMaxAge = cacheMaxAge ?? TimeSpan.FromHours(1);
    }

    /// <summary>How long to wait, in all, for another process (unattended-upgrades, a manual apt) to release the package manager's locks. Default 2 minutes.</summary>
    /// <remarks>The engine sets it from the host's <c>apt_lock_timeout</c>. The wait is shown in the report; when it runs out, nothing was installed.</remarks>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>The packages, in order, without duplicates.</summary>
    public IReadOnlyList<string> Packages { get; }

    /// <summary>How old the package cache may be before an install refreshes it.</summary>
    public TimeSpan CacheMaxAge { get; }

    /// <inheritdoc />
    public override string Kind => "packages";

    /// <inheritdoc />
    public override string Name => string.Join(',', Packages);

    /// <inheritdoc />
    public override bool StalesLaterProbes => true;

    /// <inheritdoc />
    // One dpkg-query for every package (a process per package costs ~10 ms each on the host): it prints the ones dpkg
    // knows with their status; a package it does not print is missing. The package cache's age (a `date` and a `stat`)
    // matters only to an install, so it is printed only when a package is not installed (read as Compare reads the
    // lines: the name, then a status that ends in " installed") or an install did not finish: a converged host starts
    // neither.
    public override ShellScript ProbeScript => $$"""
        fb_p=$(dpkg-query -W -f='${Package} ${Status}\n' {{ShellWords.Of(Packages)}} 2>/dev/null); [ -z "$fb_p" ] || printf '%s\n' "$fb_p"
        fb_in=' '; fb_ifs=$IFS; IFS='
        '; set -f; for fb_l in $fb_p; do case ${fb_l#* } in *' installed') fb_in="$fb_in${fb_l%% *} ";; esac; done; IFS=$fb_ifs; set +f
        fb_age=; for fb_k in {{ShellWords.Of(Packages)}}; do case $fb_in in *" $fb_k "*) ;; *) fb_age=1;; esac; done
        if [ -n "$fb_age" ] || [ -s {{MarkerPath}} ]; then echo "cache_age $(( $(date +%s) - $(stat -c %Y /var/cache/apt/pkgcache.bin 2>/dev/null || echo 0) ))"; fi{{UnfinishedProbe}}{{HoldProbe}}
        """;

    /// <summary>Merges the package lists of several resources into one (the shortest cache age wins) that waits <paramref name="lockTimeout"/> for the locks.</summary>
    public static AptPackages Merge(IEnumerable<AptPackages> resources, TimeSpan lockTimeout)
    {
        var list = resources.ToList();
        return new AptPackages(list.SelectMany(r => r.Packages), list.Min(r => r.CacheMaxAge))
        {
            Notify = list.SelectMany(r => r.Notify).Distinct().ToArray(),
            LockTimeout = lockTimeout,
        };
    }

    /// <inheritdoc />
    public override ResourceChange? Compare(ProbeResult current, PlanContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Facts.PackageManager != "apt")
        {
            throw new ResourceFailedException($"packages need apt, but the host's package manager is '{context.Facts.PackageManager}'", "run the apt-based roles on Debian or Ubuntu hosts; dnf support is not built yet");
        }

        var installed = current.Lines
            .Select(l => l.Split(' ', 2))
            .Where(parts => parts.Length == 2 && parts[1].EndsWith(" installed", StringComparison.Ordinal))
            .Select(parts => parts[0])
            .ToHashSet(StringComparer.Ordinal);
        var missing = Packages.Where(p => !installed.Contains(p)).ToArray();
        var unfinished = Unfinished(current);
        var holdLeft = HoldWasLeft(current);
        if (missing.Length == 0 && unfinished.Length == 0)
        {
            return holdLeft ? ReleaseChange() : null;
        }

        var ageLine = current.Lines.FirstOrDefault(l => l.StartsWith("cache_age ", StringComparison.Ordinal));
        var age = long.TryParse(ageLine?[10..], out var seconds) ? seconds : long.MaxValue;
        var refresh = age > CacheMaxAge.TotalSeconds;
        context.AddPendingPackages(missing);
        var summary = unfinished.Length > 0
            ? $"reinstall {string.Join(", ", unfinished)} (an install without per-file fsync did not finish: a crash may have left their files incomplete)"
                + (missing.Except(unfinished).Any() ? $", install {string.Join(", ", missing.Except(unfinished))}" : "")
            : $"install {string.Join(", ", missing)}";
        summary += refresh ? " (after apt-get update)" : "";
        summary += holdLeft ? $"; {LeftHoldText} goes after it" : "";
        var script = unfinished.Length > 0 ? RedoScript(unfinished, missing, refresh) : InstallScript(missing, refresh);
        var waited = new AppliedNote();
        return new ResourceChange(ChangeAction.Create, summary, (connection, cancellationToken) => InstallAsync(connection, script, waited, cancellationToken))
        {
            AppliedNote = () => waited.Text,
        };
    }

    private ShellScript InstallScript(IEnumerable<string> missing, bool refresh) =>
        $"{Preamble(refresh)}{UnsafeIoFunctions(MarkerDirectory)}fb_dpkg_repair; fb_unsafe_io {ShellWords.Of(missing)}; " +
        $"fb_apt install $fb_fix $fb_io -y -q --no-install-recommends -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold -- " +
        $"{ShellWords.Of(missing)}; fb_apt_report; fb_unsafe_done";

    // Safe I/O, every package of the unfinished install again (--reinstall), the host's own missing ones too.
    private ShellScript RedoScript(IEnumerable<string> unfinished, IEnumerable<string> missing, bool refresh)
    {
        var all = unfinished.Concat(missing).Distinct(StringComparer.Ordinal).ToArray();
        return $"{Preamble(refresh)}{RedoFunctions}fb_dpkg_repair; fb_empty_conffiles {ShellWords.Of(unfinished)}; " +
               $"fb_apt install $fb_fix -y -q --no-install-recommends --reinstall -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold -o Dpkg::Options::=--force-confmiss -- " +
               $"{ShellWords.Of(all)}; fb_apt_report; rm -f {MarkerPath}";
    }

    private ShellScript Preamble(bool refresh)
    {
        // Hold back service starts while packages install (Debian's policy-rc.d protocol), unless the host has its own
        // policy; the hold goes when the script ends (AptPackages.ServiceHold.cs).
        ShellScript hold = $"{HoldFunctions(PolicyPath)}trap 'fb_release; rm -f \"$fb_err\"' EXIT; fb_hold; ";
        // A host whose lists hold no translations (minimal and cloud images) gets none with this update either: they
        // only carry the packages' long descriptions, and fetching them is about half of a first update's time. A host
        // that has them keeps them (this option on its own would delete them).
        var update = refresh
            ? $"if ls /var/lib/apt/lists/*_i18n_Translation-* >/dev/null 2>&1; then fb_apt update -q; else fb_apt update -q -o Acquire::Languages=none; fi; "
            : ShellScript.Empty;
        return $"export DEBIAN_FRONTEND=noninteractive; {AptLockWait.Functions(LockTimeout)}{RepairFunction}{hold}set -e; {update}";
    }

    private async Task InstallAsync(IHostConnection connection, ShellScript script, AppliedNote waited, CancellationToken cancellationToken)
    {
        var command = new RemoteCommand(script) { Timeout = TimeSpan.FromMinutes(15) + LockTimeout };
        var result = await connection.RunAsync(command, cancellationToken).ConfigureAwait(false);
        var wait = AptLockWait.Parse(result.StandardOutput);
        if (wait is { TimedOut: true } timedOut && result.ExitCode == AptLockWait.TimedOut)
        {
            throw new ResourceFailedException(
                $"waited {timedOut.Seconds} s for the package manager's lock, still held by {timedOut.Holder}; nothing was installed",
                "Let it finish (unattended-upgrades runs after boot) and apply again, or raise apt_lock_timeout for the host.");
        }

        if (!result.Succeeded)
        {
            throw new ResourceFailedException(RemoteActions.Describe(result));
        }

        var notes = new List<string>();
        if (wait is { } done)
        {
            notes.Add($"waited {done.Seconds} s for the package manager's lock (held by {done.Holder})");
        }

        if (result.StandardOutput.Split('\n').Any(l => l.Trim() == UnsafeIoDone))
        {
            notes.Add("new packages only: unpacked without dpkg's per-file fsync, then one sync");
        }

        if (result.StandardOutput.Split('\n').Any(l => l.Trim() == Repaired))
        {
            notes.Add("finished an interrupted dpkg run first (dpkg --configure -a, then the install with -f)");
        }

        waited.Text = notes.Count == 0 ? null : string.Join("; ", notes);
    }
}
