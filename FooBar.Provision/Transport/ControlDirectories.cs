using System.Collections.Concurrent;
using System.Globalization;

namespace FooBar.Provision.Transport;

/// <summary>
/// Creates and removes the private directories that hold the control sockets of master connections, and makes sure
/// none outlives its controller: deleted on dispose, on a normal exit, on SIGTERM (the runtime's exit path), and,
/// after an ending that runs no code at all (SIGKILL, power loss), by the next controller that starts.
/// </summary>
internal static partial class ControlDirectories
{
    /// <summary>
    /// The longest directory that leaves room for a socket name (<c>/</c>, 16 hex digits, and a 17-character suffix
    /// while ssh binds it) within the 104 bytes macOS allows a socket path (Linux allows 108).
    /// </summary>
    private const int MaxDirectoryLength = 104 - 1 - 16 - 17;

    private const string Prefix = "fbssh-";

    /// <summary>The file in each directory that names its controller: <c>PID START</c> (START from /proc, 0 where there is none).</summary>
    internal const string OwnerFile = "owner";

    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>The directories of this process that still exist, with the ssh executable that can close their masters.</summary>
    private static readonly ConcurrentDictionary<string, string> Live = new(StringComparer.Ordinal);

    private static int _exitHookInstalled;

    /// <summary>Creates a fresh directory that only the current user can enter (mode 700), after removing those of dead controllers.</summary>
    public static string CreatePrivate(string sshExecutable)
    {
        var root = Root();
        RemoveStale(root, sshExecutable);
        string path;
        if (root is null || OperatingSystem.IsWindows())
        {
            // CreateTempSubdirectory is mkdtemp: a new name, created atomically with mode 700 on Unix.
            path = Directory.CreateTempSubdirectory(Prefix).FullName;
        }
        else
        {
            Directory.CreateDirectory(root, Private);
            File.SetUnixFileMode(root, Private);
            path = Path.Combine(root, Prefix + Path.GetRandomFileName().Replace(".", string.Empty, StringComparison.Ordinal)[..6]);
            Directory.CreateDirectory(path, Private);
        }

        File.WriteAllText(Path.Combine(path, OwnerFile), string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessId} {StartTime(Environment.ProcessId)}\n"));
        Live[path] = sshExecutable;
        if (Interlocked.Exchange(ref _exitHookInstalled, 1) == 0)
        {
            AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteLive();
        }

        return path;
    }

    /// <summary>Deletes <paramref name="path"/> and what is left in it; best effort.</summary>
    public static void Delete(string path)
    {
        Live.TryRemove(path, out _);
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // A master that is still exiting may remove its socket at the same moment; nothing else to do.
        }
    }

    /// <summary>Where the directories go: null for the temporary directory, or a short private one in the home directory when TMPDIR is too long (macOS).</summary>
    private static string? Root() =>
        OperatingSystem.IsWindows() || Path.GetTempPath().Length + Prefix.Length + 6 <= MaxDirectoryLength
            ? null
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".fbssh");

    /// <summary>The process is exiting (normally, on SIGTERM, or on a second Ctrl+C) while directories remain: close their masters and delete them.</summary>
    internal static void DeleteLive()
    {
        foreach (var (path, ssh) in Live.ToArray())
        {
            CloseMasters(path, ssh);
            Delete(path);
        }
    }
}
