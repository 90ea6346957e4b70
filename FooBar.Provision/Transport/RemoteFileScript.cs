using FooBar.Provision.Inventory;

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

        ShellScript script = $"""
            set -e
            p={file.Path}
            if [ -d "$p" ]; then echo "$p is a directory" >&2; exit 1; fi
            d={Directory(file.Path)}
            tmp=$(mktemp "$d/.provision.XXXXXX")
            trap 'rm -f "$tmp"' EXIT
            {VerifiedReceive.SignalsRunExitTrap}{VerifiedReceive.Lines("tmp", file.Content.Span, file.Path)}
            """;

        // chown before chmod: chown clears setuid and setgid bits, which the mode may ask for.
        ShellScript owner = (file.Owner, file.Group) switch
        {
            (string user, string group) => $"chown {user + ":" + group} \"$tmp\"\n",
            (string user, null) => $"chown {user} \"$tmp\"\n",
            (null, string group) => $"chgrp {group} \"$tmp\"\n",
            _ => ShellScript.Empty,
        };
        ShellScript backup = file.BackupPath is { } saved ? $"if [ -e \"$p\" ]; then cp -p \"$p\" {saved}; fi\n" : ShellScript.Empty;
        ShellScript install = $"""
            {owner}chmod {file.Mode} "$tmp"
            {backup}mv -f "$tmp" "$p"
            trap - EXIT

            """;
        return (script + install).Text;
    }

    /// <summary>Writes <paramref name="file"/> with one command sent by <paramref name="send"/> (script, stdin): the same for every transport.</summary>
    /// <exception cref="RemoteCommandFailedException">The script failed: nothing was installed.</exception>
    public static async Task WriteAsync(HostEntry host, RemoteFile file, Func<string, ReadOnlyMemory<byte>, Task<CommandResult>> send)
    {
        ArgumentNullException.ThrowIfNull(file);
        var result = await send(For(file), file.Content).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw Failure(host, file, result);
        }
    }

    private static RemoteCommandFailedException Failure(HostEntry host, RemoteFile file, CommandResult result) => new(
        host.Name,
        $"writing {file.Path} failed ({result.ExitText}): {OpenSshErrors.Describe(result.StandardError)}",
        result.ExitCode,
        result.StandardError,
        "Check that the directory exists, that the user may write to it (or set become), and that the owner and group exist.");

    /// <summary>The directory of an absolute path, computed here rather than by <c>$(dirname)</c>, which drops trailing newlines.</summary>
    private static string Directory(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash == 0 ? "/" : path[..slash];
    }
}
