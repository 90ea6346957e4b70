using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FooBar.Provision.Inventory;

namespace FooBar.Provision.Facts;

/// <summary>
/// The facts each host had in the last run, kept on this machine (one JSON file per inventory host) so that a converged
/// host costs one round trip: the plan and its probes are built from them, and the host checks them (their hash) in the
/// same script that gathers the fresh ones. See docs/facts-cache.md.
/// </summary>
/// <remarks>
/// An entry counts only for the same inventory name, address, port and user. A file that cannot be read, parsed or
/// written is ignored (the run does what it does without a cache); the reason is returned for the <c>-v</c> log.
/// </remarks>
internal sealed class FactsCache(string directory)
{
    private const int Version = 1;

    /// <summary>The default directory: <c>$XDG_CACHE_HOME/foobar-provision/facts</c>, else <c>~/.cache/foobar-provision/facts</c>.</summary>
    public static string DefaultDirectory(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var root = environment("XDG_CACHE_HOME") is { Length: > 0 } xdg && Path.IsPathRooted(xdg)
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(root, "foobar-provision", "facts");
    }

    /// <summary>The file of <paramref name="host"/>: its name made safe for a file name, with a short hash of the exact name.</summary>
    public string PathOf(HostEntry host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var safe = new string(host.Name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_').ToArray());
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(host.Name))).ToLowerInvariant()[..8];
        return Path.Combine(directory, $"{safe[..Math.Min(safe.Length, 64)]}-{hash}.json");
    }

    /// <summary>The cached facts of <paramref name="host"/>, or null (with the reason in <paramref name="problem"/> when a file was there but unusable).</summary>
    public CachedFacts? Load(HostEntry host, out string? problem)
    {
        problem = null;
        var path = PathOf(host);
        if (LocalFiles.Problem(path) is { } kind)
        {
            problem = $"facts cache {path} could not be read (it {kind}): ignored";
            return null;
        }

        try
        {
            var entry = JsonSerializer.Deserialize(File.ReadAllBytes(path), FactsCacheJson.Default.Entry);
            if (entry is not { Version: Version, Facts: { } facts } || !CachedFacts.IsHash(entry.Hash))
            {
                problem = $"facts cache {path} is not a cache entry this version writes: ignored";
                return null;
            }

            // An entry written before the text was kept has only the hash: the lines the facts print now stand for the
            // text when they hash the same (otherwise the host printed something else, and the entry is of no use).
            var text = entry.Text ?? FactsGatherer.Text(facts);
            return entry.Host == host.Name && entry.Address == host.Address && entry.Port == host.Port && entry.User == (host.User ?? "")
                && CachedFacts.HashOf(text) == entry.Hash
                ? new CachedFacts(facts, text)
                : null;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or NotSupportedException)
        {
            problem = $"facts cache {path} could not be read ({e.Message}): ignored";
            return null;
        }
    }

    /// <summary>Records <paramref name="facts"/> for <paramref name="host"/> (atomically, readable by this user only); returns the reason when it could not.</summary>
    public string? Save(HostEntry host, CachedFacts facts)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(facts);
        var path = PathOf(host);
        var temporary = $"{path}.{Environment.ProcessId}-{Guid.NewGuid():N}.tmp";
        try
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(directory);
            }
            else
            {
                Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            var entry = new Entry(Version, host.Name, host.Address, host.Port, host.User ?? "", facts.Hash, facts.Facts, facts.Text);
            var create = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var stream = new FileStream(temporary, create))
            {
                stream.Write(JsonSerializer.SerializeToUtf8Bytes(entry, FactsCacheJson.Default.Entry));
            }


            File.Move(temporary, path, overwrite: true);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            try
            {
                File.Delete(temporary);
            }
            catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException)
            {
                // Nothing more to do: the cache is an optimisation.
            }

            return $"facts cache {path} could not be written ({e.Message}): the next run gathers the facts first again";
        }
    }

    /// <summary>One host's file: the facts, their lines as the host printed them (absent in entries of earlier versions) and those lines' hash.</summary>
    internal sealed record Entry(int Version, string Host, string Address, int Port, string User, string Hash, HostFacts? Facts, string? Text = null);
}
