namespace FooBar.Provision.Transport;

/// <summary>Creates and removes the private directory that holds the control sockets of master connections.</summary>
internal static class ControlDirectories
{
    /// <summary>
    /// The longest directory that leaves room for ssh's socket name (<c>/</c>, 40 characters of <c>%C</c>, and a
    /// 17-character suffix while it binds) within the 104 bytes macOS allows a socket path (Linux allows 108).
    /// </summary>
    private const int MaxDirectoryLength = 45;

    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Creates a fresh directory that only the current user can enter (mode 700).</summary>
    public static string CreatePrivate()
    {
        // CreateTempSubdirectory is mkdtemp: a new name, created atomically with mode 700 on Unix.
        if (OperatingSystem.IsWindows() || Path.GetTempPath().Length + 20 <= MaxDirectoryLength)
        {
            return Directory.CreateTempSubdirectory("fbssh-").FullName;
        }

        // A long TMPDIR (macOS): use a short private directory in the user's home instead.
        var root = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".fbssh");
        Directory.CreateDirectory(root, Private);
        File.SetUnixFileMode(root, Private);
        var path = Path.Combine(root, Path.GetRandomFileName().Replace(".", string.Empty, StringComparison.Ordinal));
        Directory.CreateDirectory(path, Private);
        return path;
    }

    /// <summary>Deletes <paramref name="path"/> and what is left in it; best effort.</summary>
    public static void Delete(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // A master that is still exiting may remove its socket at the same moment; nothing else to do.
        }
    }
}
