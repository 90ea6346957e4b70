using FooBar.Provision.Transport;

namespace FooBar.Provision.Resources;

/// <summary>A directory with its mode and owner (parents are created as needed).</summary>
public sealed class DirectoryResource(string path, string mode = "0755", string owner = "root", string group = "root") : Resource
{
    /// <summary>The absolute path.</summary>
    public string Path { get; } = path;

    /// <summary>The desired mode, normalised.</summary>
    public string Mode { get; } = ModeText.Normalize(mode);

    /// <inheritdoc />
    public override string Kind => "directory";

    /// <inheritdoc />
    public override string Name => Path;

    /// <inheritdoc />
    public override ShellScript ProbeScript =>
        $"if [ -d {Path} ] && [ ! -L {Path} ]; then stat -c '%a %U %G' {Path}; elif [ -e {Path} ] || [ -L {Path} ]; then echo notdir; else echo absent; fi";

    /// <inheritdoc cref="Resource.ProbeRunsInBatchShell" />
    internal override bool ProbeRunsInBatchShell => true;

    /// <inheritdoc />
    /// <remarks>The files and directories of a batch share one <c>stat</c> (<see cref="FileMetadataProbe"/>).</remarks>
    public override SharedProbe? SharedProbe => FileMetadataProbe.Shares(Path) ? FileMetadataProbe.Instance : null;

    /// <inheritdoc />
    public override ShellScript ProbeFromShared => $"printf '%s\\n' \"$fb_shared\"";

    /// <inheritdoc />
    public override ResourceChange? Compare(ProbeResult current, PlanContext context)
    {
        var state = current.Lines.FirstOrDefault() ?? "absent";
        var desired = $"{Mode} {owner} {group}";
        if (state == desired)
        {
            return null;
        }

        ShellScript script = $"mkdir -p {Path} && chmod {Mode} {Path} && chown {owner + ":" + group} {Path}";
        return state switch
        {
            "notdir" => throw new ResourceFailedException($"{Path} exists and is not a directory", "move it away or manage it with another resource"),
            "absent" => new ResourceChange(ChangeAction.Create, $"create directory {Path} (mode {Mode}, {owner}:{group})", RemoteActions.Run(script)),
            _ => new ResourceChange(ChangeAction.Update, $"set directory {Path} to mode {Mode}, {owner}:{group} (was {state})", RemoteActions.Run(script)),
        };
    }
}
