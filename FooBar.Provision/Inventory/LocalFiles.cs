namespace FooBar.Provision.Inventory;

/// <summary>
/// The one check before the controller reads a local file it is pointed at (an identity file, a certificate, a
/// known_hosts file, <c>~/.ssh/config</c> and its includes, a template override, a facts cache entry): it must be a
/// regular file. Opening a FIFO blocks until someone writes to it, in a call that neither a deadline nor Ctrl+C can end;
/// a device can be endless (<c>/dev/zero</c>).
/// </summary>
internal static class LocalFiles
{
    /// <summary>Null when <paramref name="path"/> is a regular file or does not exist; otherwise what it is instead (<c>is a named pipe (FIFO), not a regular file</c>).</summary>
    /// <remarks><c>/dev/null</c> is accepted: it reads as empty, and "no known hosts" is an idiom.</remarks>
    public static string? Problem(string path)
    {
        var kind = path == "/dev/null" ? FileKind.Regular : FileKinds.Of(path);
        return kind is FileKind.Regular or FileKind.Missing ? null : $"is {FileKinds.Describe(kind)}, not a regular file";
    }

    /// <summary>Why the regular file <paramref name="path"/> cannot be opened for reading (<c>permission denied</c>), or null when it can.</summary>
    /// <remarks>Call only for a regular file: opening a FIFO would block.</remarks>
    public static string? Unreadable(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return BoundedFile.Reason(e);
        }
    }

    /// <summary>True when <paramref name="path"/> is a regular file (following links), the only kind that is read.</summary>
    public static bool IsRegular(string path) => FileKinds.Of(path) == FileKind.Regular;
}
