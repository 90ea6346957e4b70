using FooBar.Provision.Transport;

namespace FooBar.Provision.Resources;

/// <summary>A path that must not exist (file, link or directory tree).</summary>
/// <remarks>
/// When <see cref="InstalledBy"/> names a package that an earlier change of the plan installs, the plan already
/// counts on the package creating the path, so plan and apply list the same removal.
/// </remarks>
public sealed class AbsentResource(string path) : Resource
{
    /// <summary>The path to remove.</summary>
    public string Path { get; } = path;

    /// <summary>A package that creates this path when it installs, or null.</summary>
    public string? InstalledBy { get; init; }

    /// <inheritdoc />
    public override string Kind => "absent";

    /// <inheritdoc />
    public override string Name => Path;

    /// <inheritdoc />
    public override ShellScript ProbeScript => $"if [ -e {Path} ] || [ -L {Path} ]; then echo present; else echo absent; fi";

    /// <inheritdoc cref="Resource.ProbeRunsInBatchShell" />
    internal override bool ProbeRunsInBatchShell => true;

    /// <inheritdoc />
    public override ResourceChange? Compare(ProbeResult current, PlanContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var present = current.Output.Trim() == "present";
        var willBeInstalled = InstalledBy is not null && context.PendingPackages.Contains(InstalledBy);
        if (!present && !willBeInstalled)
        {
            return null;
        }

        var summary = present ? $"remove {Path}" : $"remove {Path} (installed by {InstalledBy})";
        return new ResourceChange(ChangeAction.Delete, summary, RemoteActions.Run($"rm -rf -- {Path}"));
    }
}
