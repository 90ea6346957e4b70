using System.Text;

namespace FooBar.Provision.Transport;

/// <summary>The one script that writes a file atomically, its content arriving on stdin.</summary>
/// <remarks>
/// A temporary file in the target's directory gets the content, owner and mode, then replaces the target with
/// one <c>mv</c> (a rename on one file system): readers see the old file or the new one, never a half-written one.
/// The temporary file is created private (<c>mktemp</c>, mode 600). It is installed only when it holds exactly the
/// bytes sent (size and sha256, known before sending, are words of the script); otherwise, and when any step fails or
/// a signal ends the script, it is removed and the target is untouched (see <see cref="VerifiedReceive"/>).
/// </remarks>
internal static class RemoteFileScript
{
    /// <summary>Builds the script for <paramref name="file"/>; every value in it is quoted.</summary>
    /// <exception cref="ArgumentException">The path is not absolute or the mode is not octal.</exception>
    public static string For(RemoteFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (!file.Path.StartsWith('/') || file.Path.EndsWith('/'))
        {
            throw new ArgumentException($"The remote path must be an absolute file path, not '{file.Path}'.", nameof(file));
        }

        if (file.Mode.Length is < 3 or > 4 || !file.Mode.All(c => c is >= '0' and <= '7'))
        {
            throw new ArgumentException($"The mode of {file.Path} must be octal such as 0644, not '{file.Mode}'.", nameof(file));
        }

        if (file.BackupPath is { } backupPath && !backupPath.StartsWith('/'))
        {
            throw new ArgumentException($"The backup path of {file.Path} must be absolute, not '{backupPath}'.", nameof(file));
        }

        var script = new StringBuilder()
            .Append("set -e\n")
            .Append("p=").Append(ShellQuote.Quote(file.Path)).Append('\n')
            .Append("if [ -d \"$p\" ]; then echo \"$p is a directory\" >&2; exit 1; fi\n")
            .Append("d=").Append(ShellQuote.Quote(Directory(file.Path))).Append('\n')
            .Append("tmp=$(mktemp \"$d/.provision.XXXXXX\")\n")
            .Append("trap 'rm -f \"$tmp\"' EXIT\n")
            .Append(VerifiedReceive.SignalsRunExitTrap)
            .Append(VerifiedReceive.Lines("tmp", file.Content.Span, file.Path));

        // chown before chmod: chown clears setuid and setgid bits, which the mode may ask for.
        if (file.Owner is { } owner)
        {
            var spec = file.Group is { } ownerGroup ? owner + ":" + ownerGroup : owner;
            script.Append("chown ").Append(ShellQuote.Quote(spec)).Append(" \"$tmp\"\n");
        }
        else if (file.Group is { } group)
        {
            script.Append("chgrp ").Append(ShellQuote.Quote(group)).Append(" \"$tmp\"\n");
        }

        script.Append("chmod ").Append(ShellQuote.Quote(file.Mode)).Append(" \"$tmp\"\n");
        if (file.BackupPath is { } backup)
        {
            script.Append("if [ -e \"$p\" ]; then cp -p \"$p\" ").Append(ShellQuote.Quote(backup)).Append("; fi\n");
        }

        return script
            .Append("mv -f \"$tmp\" \"$p\"\n")
            .Append("trap - EXIT\n")
            .ToString();
    }

    /// <summary>The directory of an absolute path, computed here rather than by <c>$(dirname)</c>, which drops trailing newlines.</summary>
    private static string Directory(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash == 0 ? "/" : path[..slash];
    }
}
