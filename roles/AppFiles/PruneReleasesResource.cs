using System.Text.RegularExpressions;
using FooBar.Provision.Resources;
using FooBar.Provision.Transport;

namespace FooBar.Provision.Roles.AppFiles;

/// <summary>Removes old release directories, keeping the newest few, the one <c>current</c> points to and the new one.</summary>
/// <remarks>
/// Releases are ordered by their directory's modification time (set when a release is uploaded or reused). Only
/// directories named like a release id (12 hex digits) are ever removed; anything else in <c>releases/</c> is left
/// alone. The removal script checks <c>current</c> again on the host right before each deletion.
/// </remarks>
public sealed partial class PruneReleasesResource : Resource, IReadsLink
{
    /// <summary>Creates the resource.</summary>
    /// <param name="appRoot">The application's directory (<c>/srv/foobar</c>).</param>
    /// <param name="newReleaseId">The release this apply deploys: never removed, and counted as the newest.</param>
    /// <param name="keep">How many releases to keep (at least 1).</param>
    public PruneReleasesResource(string appRoot, string newReleaseId, int keep)
    {
        ArgumentException.ThrowIfNullOrEmpty(appRoot);
        ArgumentException.ThrowIfNullOrEmpty(newReleaseId);
        if (keep < 1)
        {
            throw new ProvisionException($"releases_keep must be at least 1, not {keep}", "set releases_keep to how many releases to keep on the host (default 5)");
        }

        AppRoot = appRoot.TrimEnd('/');
        NewReleaseId = newReleaseId;
        Keep = keep;
    }

    /// <summary>The application's directory.</summary>
    public string AppRoot { get; }

    /// <summary>The release this apply deploys.</summary>
    public string NewReleaseId { get; }

    /// <summary>How many releases are kept.</summary>
    public int Keep { get; }

    /// <inheritdoc />
    public override string Kind => "prune-releases";

    /// <inheritdoc />
    public override string Name => Releases;

    private string Releases => AppRoot + "/releases";

    /// <inheritdoc />
    public override ShellScript ProbeScript => Probe($"$(readlink {AppRoot + "/current"})");

    /// <inheritdoc />
    /// <remarks>The link <c>current</c> is read once for every probe of the batch that reads it (<see cref="LinkTargetsProbe"/>).</remarks>
    public override SharedProbe? SharedProbe => LinkTargetsProbe.Instance;

    /// <inheritdoc />
    public override ShellScript ProbeFromShared => Probe($"$fb_shared");

    /// <inheritdoc />
    string IReadsLink.LinkPath => AppRoot + "/current";

    /// <inheritdoc />
    public override ResourceChange? Compare(ProbeResult current, PlanContext context)
    {
        ArgumentNullException.ThrowIfNull(current);
        var lines = current.Lines;
        var link = lines.FirstOrDefault(l => l.StartsWith("current", StringComparison.Ordinal)) ?? "current";
        var currentId = link.Length > 8 ? link[8..].TrimEnd('/').Split('/')[^1] : "";
        var releases = lines.Where(l => l.StartsWith("release ", StringComparison.Ordinal)).Select(l => l[8..]).Where(r => ReleaseId().IsMatch(r)).ToList();
        var kept = new HashSet<string>(releases.Where(r => r != NewReleaseId).Prepend(NewReleaseId).Take(Keep), StringComparer.Ordinal) { currentId, NewReleaseId };
        var remove = releases.Where(r => !kept.Contains(r)).ToArray();
        if (remove.Length == 0)
        {
            return null;
        }

        ShellScript script = $"cur=$(basename \"$(readlink {AppRoot + "/current"})\")\n" +
                     $"{ShellScript.Join(ShellScript.Empty, remove.Select(r => (ShellScript)$"[ \"$cur\" = {r} ] || rm -rf -- {Releases + "/" + r}\n"))}";
        return new ResourceChange(ChangeAction.Delete, $"remove {remove.Length} old release(s) of {Releases}, keeping {Keep}: {string.Join(", ", remove)}", RemoteActions.Run(script, timeout: TimeSpan.FromMinutes(5)));
    }

    // The probe, given how it reads current's target (inside double quotes): its own readlink, or the shared one's answer.
    private ShellScript Probe(ShellScript target) =>
        $"echo \"current {target}\"; " +
        $"if [ -d {Releases} ]; then ls -1t -- {Releases} | while IFS= read -r d; do " +
        $"if [ -d {Releases}/\"$d\" ] && [ ! -L {Releases}/\"$d\" ]; then printf 'release %s\\n' \"$d\"; fi; done; fi";

    [GeneratedRegex("^[0-9a-f]{12}$")]
    private static partial Regex ReleaseId();
}
