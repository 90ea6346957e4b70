using System.Formats.Tar;
using System.IO.Compression;
using System.IO.Enumeration;
using System.Security.Cryptography;
using System.Text;

namespace FooBar.Provision.Roles.AppFiles;

/// <summary>The application's files read once from a local folder: their release id and the archive that ships them.</summary>
/// <remarks>
/// The id is the first 12 hex digits of a SHA-256 over the sorted relative paths, the executable bit and the content
/// of every file and directory, so the same code always gives the same id and any change gives a new one. Entries
/// whose name matches an exclusion pattern (<c>__pycache__</c>, <c>*.pyc</c>, <c>test_*.py</c>) are left out, with
/// their whole subtree for directories. Modes are normalised (0755 for directories and executables, else 0644).
/// </remarks>
public sealed class ReleaseSnapshot
{
    private readonly IReadOnlyList<Entry> _entries;

    private ReleaseSnapshot(IReadOnlyList<Entry> entries)
    {
        _entries = entries;
        Id = ComputeId(entries);
    }

    /// <summary>The release id: 12 lower-case hex digits.</summary>
    public string Id { get; }

    /// <summary>The relative paths (with <c>/</c>) of the files and directories, sorted.</summary>
    public IReadOnlyList<string> Paths => _entries.Select(e => e.Path).ToArray();

    /// <summary>How many regular files the release holds.</summary>
    public int FileCount => _entries.Count(e => !e.IsDirectory);

    /// <summary>The total size of the files in bytes.</summary>
    public long TotalBytes => _entries.Sum(e => (long)e.Content.Length);

    /// <summary>Reads <paramref name="directory"/> recursively, leaving out names that match <paramref name="exclude"/>.</summary>
    /// <exception cref="ProvisionException">The folder does not exist or holds a symbolic link.</exception>
    public static ReleaseSnapshot FromDirectory(string directory, IEnumerable<string> exclude)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(exclude);
        if (!Directory.Exists(directory))
        {
            throw new ProvisionException($"app_source: the folder {directory} does not exist", "set app_source to the folder that holds the application's code (relative paths start at the inventory's directory)");
        }

        var patterns = exclude.ToArray();
        var entries = new List<Entry>();
        Walk(new DirectoryInfo(directory), "", patterns, entries);
        entries.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return new ReleaseSnapshot(entries);
    }

    /// <summary>A gzip-compressed tar (pax format) of the files, paths relative to the release directory.</summary>
    public byte[] ToTarGz()
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        using (var writer = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var entry in _entries)
            {
                var tar = new PaxTarEntry(entry.IsDirectory ? TarEntryType.Directory : TarEntryType.RegularFile, entry.IsDirectory ? entry.Path + "/" : entry.Path)
                {
                    Mode = entry.Executable ? (UnixFileMode)0b111_101_101 : (UnixFileMode)0b110_100_100,
                    ModificationTime = entry.Modified,
                };
                if (!entry.IsDirectory)
                {
                    tar.DataStream = new MemoryStream(entry.Content, writable: false);
                }

                writer.WriteEntry(tar);
            }
        }

        return output.ToArray();
    }

    private static void Walk(DirectoryInfo directory, string prefix, string[] exclude, List<Entry> entries)
    {
        foreach (var info in directory.EnumerateFileSystemInfos())
        {
            if (exclude.Any(p => FileSystemName.MatchesSimpleExpression(p, info.Name, ignoreCase: false)))
            {
                continue;
            }

            var path = prefix + info.Name;
            if (info.LinkTarget is not null)
            {
                throw new ProvisionException($"app_source: {info.FullName} is a symbolic link", "releases hold regular files and directories only: copy the target in, or exclude the link");
            }

            if (info is DirectoryInfo sub)
            {
                entries.Add(new Entry(path, true, true, [], new DateTimeOffset(info.LastWriteTimeUtc)));
                Walk(sub, path + "/", exclude, entries);
            }
            else
            {
                entries.Add(new Entry(path, false, IsExecutable(info), File.ReadAllBytes(info.FullName), new DateTimeOffset(info.LastWriteTimeUtc)));
            }
        }
    }

    private static bool IsExecutable(FileSystemInfo info) =>
        !OperatingSystem.IsWindows() && (info.UnixFileMode & UnixFileMode.UserExecute) != 0;

    private static string ComputeId(IReadOnlyList<Entry> entries)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var entry in entries)
        {
            var kind = entry.IsDirectory ? 'd' : entry.Executable ? 'x' : 'f';
            hash.AppendData(Encoding.UTF8.GetBytes($"{kind} {entry.Content.Length} {entry.Path}\n"));
            hash.AppendData(entry.Content);
        }

        return Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant()[..12];
    }

    private sealed record Entry(string Path, bool IsDirectory, bool Executable, byte[] Content, DateTimeOffset Modified);
}
