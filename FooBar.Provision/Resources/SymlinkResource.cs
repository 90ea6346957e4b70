using FooBar.Provision.Transport;

namespace FooBar.Provision.Resources;

/// <summary>A symbolic link pointing at a target, switched atomically (a new link, then a rename over the old one).</summary>
/// <remarks>
/// When a handler it notifies validates or checks (a release's health check), the previous link is kept as a backup
/// beside it, so a failure switches the old target back in with one rename.
/// </remarks>
public sealed class SymlinkResource(string path, string target) : Resource, IReadsLink
{
    /// <summary>The link's path.</summary>
    public string Path { get; } = path;

    /// <summary>What the link points at.</summary>
    public string Target { get; } = target;

    /// <summary>The link says which release the host runs (a release's <c>current</c>): reports show its target's last name as the host's release.</summary>
    /// <remarks>See <see cref="Reporting.HostReport.Release"/>; read from the run's own probe and change, at no extra round trip.</remarks>
    public bool Release { get; init; }

    /// <inheritdoc />
    public override string Kind => "symlink";

    /// <inheritdoc />
    public override string Name => Path;

    /// <inheritdoc />
    public override ShellScript ProbeScript => $"if [ -L {Path} ]; then echo \"link $(readlink {Path})\"; elif [ -e {Path} ]; then echo notlink; else echo absent; fi";

    /// <inheritdoc cref="Resource.ProbeRunsInBatchShell" />
    internal override bool ProbeRunsInBatchShell => true;

    /// <inheritdoc />
    /// <remarks>The links of a batch share one <c>readlink</c> (<see cref="LinkTargetsProbe"/>).</remarks>
    public override SharedProbe? SharedProbe => LinkTargetsProbe.Instance;

    /// <inheritdoc />
    /// <remarks>Run only when the gather found a link: its target is in <c>fb_shared</c> (<c>echo</c>, as the probe's own).</remarks>
    public override ShellScript ProbeFromShared => $"echo \"link $fb_shared\"";

    /// <inheritdoc />
    string IReadsLink.LinkPath => Path;

    /// <inheritdoc />
    public override ResourceChange? Compare(ProbeResult current, PlanContext context)
    {
        var state = current.Output.TrimEnd('\n');
        if (state == $"link {Target}")
        {
            return null;
        }

        if (state == "notlink")
        {
            throw new ResourceFailedException($"{Path} exists and is not a symbolic link", "move it away; a link is never switched over a real file or directory");
        }

        var temporary = Path + ".provision-new";
        ShellScript script = $"ln -sfn {Target} {temporary} && mv -Tf {temporary} {Path}";
        var previous = state.StartsWith("link ", StringComparison.Ordinal) ? state[5..] : null;
        var was = previous is null ? "" : $" (was {previous})";
        return new ResourceChange(previous is null ? ChangeAction.Create : ChangeAction.Update, $"link {Path} -> {Target}{was}", RemoteActions.Run(script))
        {
            GuardedPath = Path,
            GuardedPathExisted = previous is not null,
            ApplyWithBackup = (connection, backup, cancellationToken) => RemoteActions.RunCheckedAsync(connection,
                previous is null ? script : $"ln -sfn {previous} {backup} && {script}", cancellationToken: cancellationToken),
        };
    }
}
