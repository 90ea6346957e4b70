using System.Security.Cryptography;
using System.Text;
using FooBar.Provision.Transport;

namespace FooBar.Provision.Resources;

/// <summary>A regular file with exact content, mode and owner.</summary>
/// <remarks>
/// Idempotent: compared by sha256, mode and owner. Written atomically (a temporary file in the same directory,
/// then a rename), so a reader never sees half a file. The plan shows a unified diff of text files up to 64 KiB;
/// secret values in it are masked by the engine. The parent directory must exist.
/// </remarks>
public sealed class FileResource : Resource
{
    private const int DiffableBytes = 64 * 1024;
    private string? _desiredHash;

    /// <summary>Creates a file resource.</summary>
    public FileResource(string path, string content, string mode = "0644", string owner = "root", string group = "root")
        : this(path, Encoding.UTF8.GetBytes(content), mode, owner, group)
    {
    }

    /// <summary>Creates a file resource from bytes.</summary>
    public FileResource(string path, byte[] content, string mode = "0644", string owner = "root", string group = "root")
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(content);
        Path = path;
        Content = content;
        Mode = ModeText.Normalize(mode);
        Owner = owner;
        Group = group;
    }

    /// <summary>The absolute path.</summary>
    public string Path { get; }

    /// <summary>The desired content.</summary>
    public IReadOnlyList<byte> Content { get; }

    /// <summary>The desired octal mode (normalised, such as <c>644</c>).</summary>
    public string Mode { get; }

    /// <summary>The desired owner.</summary>
    public string Owner { get; }

    /// <summary>The desired group.</summary>
    public string Group { get; }

    /// <summary>
    /// True for content that must never show (a private key): the probe reads only metadata and hash, never the bytes,
    /// and the plan says that the content changes instead of showing a diff.
    /// </summary>
    public bool Sensitive { get; init; }

    /// <summary>
    /// Whether a failed validation or check of a handler this file notifies puts the previous content back (the
    /// default). Set it to false for a file that carries a value another resource changed for good in the same run
    /// (a database password the server already has): putting the file back would make the two disagree.
    /// </summary>
    public bool Revertible { get; init; } = true;

    /// <inheritdoc />
    public override string Kind => "file";

    /// <inheritdoc />
    public override string Name => Path;

    /// <inheritdoc />
    /// <remarks>
    /// Prints the mode, owner, group and size, then the sha256 of the content; then, only when that hash is not the
    /// desired one (the plan shows a diff), the content in base64 when it is at most 64 KiB. Two process starts for a
    /// file in state (stat, sha256sum), never its content; in a batch, the files and directories share those two.
    /// </remarks>
    public override ShellScript ProbeScript =>
        $"if [ -f {Path} ] && [ ! -L {Path} ]; then fb_m=$(stat -c '%a %U %G %s' {Path}) && echo \"$fb_m\"; fb_h=$(sha256sum < {Path}) && fb_h=${{fb_h%% *}} && echo \"$fb_h\"; " +
        $"{ContentScript}elif [ -e {Path} ] || [ -L {Path} ]; then echo notfile; else echo absent; fi";

    /// <inheritdoc cref="Resource.ProbeRunsInBatchShell" />
    internal override bool ProbeRunsInBatchShell => true;

    /// <inheritdoc />
    /// <remarks>The files and directories of a batch share one <c>stat</c> and one <c>sha256sum</c> (<see cref="FileMetadataProbe"/>).</remarks>
    public override SharedProbe? SharedProbe => FileMetadataProbe.Shares(Path) ? FileMetadataProbe.Instance : null;

    /// <inheritdoc />
    public override ShellScript ProbeFromShared => $$"""
        fb_m=${fb_shared%%"
        "*}; fb_h=${fb_shared#*"
        "}; printf '%s\n%s\n' "$fb_m" "$fb_h"; {{ContentScript}}
        """;

    // The content for a diff, only when the hash differs (and never for a sensitive file): after fb_m and fb_h are set.
    private ShellScript ContentScript => Sensitive
        ? ShellScript.Empty
        : $"if [ \"$fb_h\" != {DesiredHash} ] && [ \"${{fb_m##* }}\" -le {DiffableBytes} ] 2>/dev/null; then base64 -w0 < {Path}; echo; fi; ";

    private string DesiredHash => _desiredHash ??= Convert.ToHexString(SHA256.HashData(Content as byte[] ?? [.. Content])).ToLowerInvariant();

    /// <inheritdoc />
    public override ResourceChange? Compare(ProbeResult current, PlanContext context)
    {
        var bytes = Content as byte[] ?? [.. Content];
        var lines = current.Lines;
        var desiredHash = DesiredHash;
        var meta = lines.Count > 0 ? lines[0].Split(' ') : [];
        if (meta.Length < 3)
        {
            var verb = lines.FirstOrDefault() == "notfile" ? "replace the non-file at" : "create";
            return Change(ChangeAction.Create, $"{verb} {Path} ({bytes.Length} bytes, mode {Mode}, {Owner}:{Group})", "", bytes, existed: false);
        }

        var contentDiffers = lines.Count < 2 || lines[1] != desiredHash;
        var metaDiffers = meta[0] != Mode || meta[1] != Owner || meta[2] != Group;
        if (!contentDiffers && !metaDiffers)
        {
            return null;
        }

        if (!contentDiffers)
        {
            ShellScript fix = $"chmod {Mode} {Path} && chown {Owner + ":" + Group} {Path}";
            return new ResourceChange(ChangeAction.Update, $"set {Path} to mode {Mode}, {Owner}:{Group} (was {meta[0]}, {meta[1]}:{meta[2]})", RemoteActions.Run(fix));
        }

        var before = lines.Count > 2 ? DecodeText(lines[2]) : null;
        return Change(ChangeAction.Update, $"update {Path}", before, bytes, existed: true);
    }

    private ResourceChange Change(ChangeAction action, string summary, string? before, byte[] bytes, bool existed)
    {
        var after = DecodeText(Convert.ToBase64String(bytes));
        var diff = Sensitive ? $"(sensitive content, {bytes.Length} bytes: not shown)"
            : before is not null && after is not null ? UnifiedDiff.Create(before, after, Path)
            : $"(binary or large file: {bytes.Length} bytes)";
        var file = new RemoteFile(Path, bytes, Mode, Owner, Group);
        return new ResourceChange(action, summary, (c, ct) => c.WriteFileAsync(file, ct))
        {
            Diff = diff,
            GuardedPath = Revertible ? Path : null,
            GuardedPathExisted = existed,
            ApplyWithBackup = Revertible ? (c, backup, ct) => c.WriteFileAsync(file with { BackupPath = existed ? backup : null }, ct) : null,
        };
    }

    // Text when it is valid UTF-8 without NUL bytes; null for binary content (no line diff then).
    private static string? DecodeText(string base64)
    {
        try
        {
            var data = Convert.FromBase64String(base64);
            if (data.Length > DiffableBytes || data.Contains((byte)0))
            {
                return null;
            }

            return new UTF8Encoding(false, true).GetString(data);
        }
        catch (Exception e) when (e is FormatException or DecoderFallbackException)
        {
            return null;
        }
    }
}
