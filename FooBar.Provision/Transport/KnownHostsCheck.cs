using FooBar.Provision.Inventory;

namespace FooBar.Provision.Transport;

/// <summary>
/// Before a connection with <c>host_key_checking: accept-new</c>: the known_hosts file must be able to record a new key.
/// ssh that cannot record a key only logs "Failed to add the host to the list of known hosts" and goes on, so with
/// <c>/dev/null</c> or an unwritable file every key of every connection would be "new" and accepted, a changed one included.
/// </summary>
internal static class KnownHostsCheck
{
    /// <summary>The exception that fails the host when its known_hosts file cannot record a key, or null when it can (or checking is strict).</summary>
    public static TransportException? Problem(HostEntry host) => Reason(host) is var (path, why) ? Unrecordable(host, path, why) : null;

    /// <summary>The known_hosts file of <paramref name="host"/> and why it cannot record a key, or null when it can (or checking is strict).</summary>
    internal static (string Path, string Why)? Reason(HostEntry host)
    {
        if (host.HostKeyChecking != HostKeyChecking.AcceptNew)
        {
            return null;
        }

        var path = host.KnownHostsFile ?? Path.Join(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ssh", "known_hosts");
        return Why(path, userDefault: host.KnownHostsFile is null) is { } why ? (path, why) : null;
    }

    /// <summary>The inventory problem, said before any connection, of a known_hosts file that cannot record a key.</summary>
    internal static string Refusal(HostEntry host, string path, string why) =>
        $"host_key_checking of host '{host.Name}' is accept-new, but its known_hosts '{path}' cannot record a key ({why}): " +
        "a key not recorded would be accepted again on every connection, a changed one included";

    /// <summary>The failure when ssh itself reported that it could not record the key (the file changed after the check).</summary>
    public static TransportException Unrecordable(HostEntry host, string path, string why) => new(
        host.Name,
        $"host_key_checking is accept-new, but the host key of {host.Address}:{host.Port} cannot be recorded in known_hosts '{path}' ({why}); " +
        "a key that is not recorded would be accepted again on every connection, a changed one included, so the host is not trusted",
        Hint(host));

    /// <summary>What to do about a known_hosts file that cannot record a key.</summary>
    internal static string Hint(HostEntry host) =>
        $"point known_hosts: at a regular file you can write, in an existing directory (for example ~/.ssh/known_hosts), or record the key first " +
        $"({KeyScan(host)} >> FILE, after comparing its fingerprint out of band) and use host_key_checking: strict";

    /// <summary>The command that fetches the host's key, for the user to run.</summary>
    internal static ShellScript KeyScan(HostEntry host) => $"ssh-keyscan -p {host.Port} {host.Address}";

    /// <summary>Why <paramref name="path"/> cannot record a key, or null when it can.</summary>
    internal static string? Why(string path, bool userDefault)
    {
        switch (FileKinds.Of(path))
        {
            case FileKind.Regular:
                return CanAppend(path);
            case FileKind.Missing:
                var directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
                switch (FileKinds.Of(directory))
                {
                    case FileKind.Directory:
                        return CanCreateIn(directory);
                    case FileKind.Missing:
                        // ssh creates ~/.ssh itself for its default file; any other missing directory is a mistake.
                        return userDefault && FileKinds.Of(Path.GetDirectoryName(directory) ?? ".") == FileKind.Directory
                            ? null
                            : $"its directory '{directory}' does not exist";
                    case var parent:
                        return $"its directory '{directory}' is {FileKinds.Describe(parent)}, not a directory";
                }

            case var kind:
                return $"it is {FileKinds.Describe(kind)}, not a regular file";
        }
    }

    private static string? CanAppend(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"it cannot be written: {(e is UnauthorizedAccessException ? "permission denied" : e.Message)}";
        }
    }

    private static string? CanCreateIn(string directory)
    {
        var probe = Path.Join(directory, $".foobar-provision-probe-{Guid.NewGuid():N}");
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }

            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"it does not exist and cannot be created in '{directory}': {(e is UnauthorizedAccessException ? "permission denied" : e.Message)}";
        }
    }
}
