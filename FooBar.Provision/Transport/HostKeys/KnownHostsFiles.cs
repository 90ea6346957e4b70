using FooBar.Provision.Inventory;

namespace FooBar.Provision.Transport.HostKeys;

/// <summary>Which known_hosts files OpenSSH reads for a host, and which one it records a new key in.</summary>
/// <param name="User">The user's files (<c>UserKnownHostsFile</c>); a new key goes to the first.</param>
/// <param name="System">The system-wide files (<c>GlobalKnownHostsFile</c>), read only.</param>
internal sealed record KnownHostsFiles(IReadOnlyList<string> User, IReadOnlyList<string> System)
{
    /// <summary>OpenSSH's default <c>GlobalKnownHostsFile</c>.</summary>
    public static readonly IReadOnlyList<string> DefaultSystem = ["/etc/ssh/ssh_known_hosts", "/etc/ssh/ssh_known_hosts2"];

    /// <summary>The files for <paramref name="host"/>: its <c>known_hosts</c>, else OpenSSH's default <c>~/.ssh/known_hosts ~/.ssh/known_hosts2</c>; then the system's.</summary>
    public static KnownHostsFiles For(HostEntry host)
    {
        if (host.KnownHostsFile is { } file)
        {
            return new([file], DefaultSystem);
        }

        var ssh = Path.Join(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ssh");
        return new([Path.Join(ssh, "known_hosts"), Path.Join(ssh, "known_hosts2")], DefaultSystem);
    }

    /// <summary>The file a new key is recorded in.</summary>
    public string RecordIn => User[0];

    /// <summary>The user's files then the system's, in the order OpenSSH reads them.</summary>
    public IEnumerable<string> All => User.Concat(System);

    /// <summary>The user's files, for messages (<c>'a' or 'b'</c>).</summary>
    public string Describe() => string.Join(" or ", User.Select(path => $"'{path}'"));
}
