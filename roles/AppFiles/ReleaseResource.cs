using FooBar.Provision.Resources;
using FooBar.Provision.Transport;

namespace FooBar.Provision.Roles.AppFiles;

/// <summary>One release of the application's code in <c>&lt;app root&gt;/releases/&lt;id&gt;</c>, uploaded in one round trip.</summary>
/// <remarks>
/// Idempotent: the probe looks for the release's completion marker, so unchanged code costs nothing. The upload sends a
/// tar.gz on stdin, extracts it into a hidden temporary directory beside the releases, writes the marker, hands the
/// files to the application's user and renames the directory into place: a release directory is complete or absent.
/// Every activation (an upload, or the reuse of a release still on the host) is appended to <c>releases/.history</c>,
/// which <see cref="AppFilesRollback"/> reads.
/// </remarks>
public sealed class ReleaseResource : Resource, IReadsLink
{
    /// <summary>The file inside a release that says it is complete; it holds the release id.</summary>
    public const string MarkerName = ".provision-release";

    /// <summary>The log of activated releases in the releases directory, one id per line, oldest first.</summary>
    public const string HistoryName = ".history";

    /// <summary>Creates the resource.</summary>
    /// <param name="appRoot">The application's directory (<c>/srv/foobar</c>).</param>
    /// <param name="snapshot">The code to ship.</param>
    /// <param name="owner">The user that owns the release's files.</param>
    /// <param name="group">Their group.</param>
    public ReleaseResource(string appRoot, ReleaseSnapshot snapshot, string owner, string group)
    {
        ArgumentException.ThrowIfNullOrEmpty(appRoot);
        ArgumentNullException.ThrowIfNull(snapshot);
        AppRoot = appRoot.TrimEnd('/');
        Snapshot = snapshot;
        Owner = owner;
        Group = group;
    }

    /// <summary>The application's directory.</summary>
    public string AppRoot { get; }

    /// <summary>The code to ship.</summary>
    public ReleaseSnapshot Snapshot { get; }

    /// <summary>The user that owns the release's files.</summary>
    public string Owner { get; }

    /// <summary>The group of the release's files.</summary>
    public string Group { get; }

    /// <summary>The release's directory on the host.</summary>
    public string Path => $"{AppRoot}/releases/{Snapshot.Id}";

    /// <inheritdoc />
    public override string Kind => "release";

    /// <inheritdoc />
    public override string Name => Path;

    /// <inheritdoc />
    public override bool StalesLaterProbes => true;

    /// <inheritdoc />
    public override ShellScript ProbeScript => Probe($"$(readlink {AppRoot + "/current"})");

    /// <inheritdoc />
    /// <remarks>The link <c>current</c> is read once for every probe of the batch that reads it (<see cref="LinkTargetsProbe"/>).</remarks>
    public override SharedProbe? SharedProbe => LinkTargetsProbe.Instance;

    /// <inheritdoc />
    public override ShellScript ProbeFromShared => Probe($"$fb_shared");

    /// <inheritdoc cref="Resource.ProbeRunsInBatchShell" />
    internal override bool ProbeRunsInBatchShell => true;

    /// <inheritdoc />
    string IReadsLink.LinkPath => AppRoot + "/current";

    /// <inheritdoc />
    public override ResourceChange? Compare(ProbeResult current, PlanContext context)
    {
        ArgumentNullException.ThrowIfNull(current);
        var state = current.Lines.FirstOrDefault() ?? "absent";
        var history = $"{AppRoot}/releases/{HistoryName}";
        ShellScript record = $"printf '%s\\n' {Snapshot.Id} >> {history}";
        switch (state)
        {
            case "current":
                return null;
            case "present":
                // Touch it so that pruning counts it as the newest release again.
                ShellScript reuse = $"touch {Path} && {record}";
                return new ResourceChange(ChangeAction.Update, $"reuse release {Snapshot.Id} (still on the host)", RemoteActions.Run(reuse));
            default:
                var size = Snapshot.TotalBytes < 1024 ? $"{Snapshot.TotalBytes} bytes" : $"{(Snapshot.TotalBytes + 1023) / 1024} KiB";
                var replacing = state == "incomplete" ? ", replacing an incomplete copy" : "";
                return new ResourceChange(ChangeAction.Create, $"upload release {Snapshot.Id} ({Snapshot.FileCount} files, {size}{replacing})", UploadAsync);
        }
    }

    /// <summary>The script that receives the archive on stdin and moves the finished release into place.</summary>
    /// <remarks>
    /// The archive is first received into a temporary file and extracted only when its size and sha256 match what was
    /// sent: an upload cut short by any ending of the controller leaves no release directory and no temporary file.
    /// </remarks>
    private ShellScript UploadScript(ReadOnlySpan<byte> archive)
    {
        var id = Snapshot.Id;
        return $"""
            set -e
            cd {AppRoot + "/releases"}
            tmp=$(mktemp -d {".incoming-" + id + "."}XXXXXX)
            archive="$tmp.tar.gz"
            trap 'rm -rf "$tmp" "$archive"' EXIT
            {VerifiedReceive.SignalsRunExitTrap}{VerifiedReceive.Lines("archive", archive, Path)}tar -xzf "$archive" -C "$tmp" --no-same-owner
            rm -f "$archive"
            printf '%s\n' {id} > "$tmp"/{MarkerName}
            chmod 755 "$tmp"
            chown -R {Owner + ":" + Group} "$tmp"
            rm -rf -- {id}
            mv -T -- "$tmp" {id}
            trap - EXIT
            printf '%s\n' {id} >> {HistoryName}

            """;
    }

    private async Task UploadAsync(IHostConnection connection, CancellationToken cancellationToken)
    {
        var archive = Snapshot.ToTarGz();
        var command = new RemoteCommand(UploadScript(archive)).WithStandardInput(archive).WithTimeout(TimeSpan.FromMinutes(10));
        var result = await connection.RunAsync(command, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new ResourceFailedException($"uploading release {Snapshot.Id} to {Path} failed: {result.ExitText}: {result.StandardError.Trim()}", $"check the free space and permissions of {AppRoot}/releases");
        }
    }

    // The probe, given how it reads current's target (inside double quotes): its own readlink, or the shared one's answer.
    private ShellScript Probe(ShellScript target) =>
        $"if [ -f {Path + "/" + MarkerName} ]; then " +
        $"if [ \"{target}\" = {"releases/" + Snapshot.Id} ]; then echo current; else echo present; fi; " +
        $"elif [ -e {Path} ] || [ -L {Path} ]; then echo incomplete; else echo absent; fi";
}
