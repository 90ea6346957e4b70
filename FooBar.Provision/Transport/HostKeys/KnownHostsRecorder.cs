using System.Collections.Concurrent;
using System.Text;

namespace FooBar.Provision.Transport.HostKeys;

/// <summary>
/// Appends a line to a known_hosts file under an exclusive lock (a process-wide monitor plus the file's advisory lock,
/// which .NET takes for <see cref="FileShare.None"/>), so that parallel connections never interleave or duplicate lines.
/// </summary>
internal static class KnownHostsRecorder
{
    private static readonly ConcurrentDictionary<string, object> Gates = new(StringComparer.Ordinal);
    private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Opens <paramref name="path"/> exclusively, asks <paramref name="stillNeeded"/> with the file's current text whether the
    /// line is still to be written (another connection may have recorded the host meanwhile), and if so appends it.
    /// Returns null when done, or why the file cannot take the line.
    /// </summary>
    public static string? AppendIf(string path, string line, Func<string, bool> stillNeeded)
    {
        var full = Path.GetFullPath(path);
        lock (Gates.GetOrAdd(full, _ => new object()))
        {
            try
            {
                CreateSshDirectory(full);
                using var stream = OpenExclusive(full);
                var bytes = new byte[stream.Length];
                stream.ReadExactly(bytes);
                if (!stillNeeded(Encoding.UTF8.GetString(bytes)))
                {
                    return null;
                }

                var separator = bytes.Length > 0 && bytes[^1] != '\n' ? "\n" : string.Empty;
                stream.Write(Encoding.UTF8.GetBytes($"{separator}{line}\n"));
                stream.Flush(flushToDisk: true);
                return null;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return e is UnauthorizedAccessException ? "permission denied" : e.Message;
            }
        }
    }

    private static FileStream OpenExclusive(string path)
    {
        var deadline = DateTime.UtcNow + LockWait;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException e) when (e is not (DirectoryNotFoundException or FileNotFoundException) && DateTime.UtcNow < deadline)
            {
                Thread.Sleep(10); // a reader or another process holds the file's lock for the moment of its read or append
            }
        }
    }

    // ssh creates ~/.ssh (mode 700) for its default file; KnownHostsCheck has already refused any other missing directory.
    private static void CreateSshDirectory(string path)
    {
        var directory = Path.GetDirectoryName(path);
        if (directory is not null && !Directory.Exists(directory) && Path.GetFileName(directory) == ".ssh")
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(directory);
            }
            else
            {
                Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
    }
}
