using System.Text;
using FooBar.Provision.Inventory;
using FooBar.Provision.Transport.HostKeys;
using Renci.SshNet;

namespace FooBar.Provision.Transport.SshNet;

/// <summary>The one place that turns an inventory host into SSH.NET's <see cref="ConnectionInfo"/>: address, port, user, timeouts, channels, host key algorithms.</summary>
/// <remarks>
/// Where a host's settings will also come from <c>~/.ssh/config</c> (HostName, User, Port) or go through <c>jump:</c> hosts,
/// they are resolved here, before <see cref="Create"/>; the keys come from <see cref="SshNetAuthentication"/>.
/// </remarks>
internal static class SshNetEndpoint
{
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <summary>The user to log in as: the host's <c>user</c>, else the local user's name (as OpenSSH does).</summary>
    public static string User(HostEntry host) => host.User ?? Environment.UserName;

    /// <summary>The connection settings for <paramref name="host"/>, offering <paramref name="methods"/>, host key algorithms ordered and checked by <paramref name="hostKeys"/>.</summary>
    public static ConnectionInfo Create(HostEntry host, IReadOnlyList<AuthenticationMethod> methods, SshNetHostKeyCheck hostKeys, int maxChannels)
    {
        var info = new ConnectionInfo(host.Address, host.Port, User(host), [.. methods])
        {
            // SSH.NET waits this long for each answer of the handshake and for a channel to open.
            Timeout = TimeSpan.FromSeconds(host.ConnectTimeoutSeconds),

            // One more than commands use: the keep-alive probe's (a server at its own MaxSessions refuses it, which is an answer too).
            MaxSessions = maxChannels + 1,

            // A refused channel fails at once: SshNetConnection waits and tries again, within the command's deadline.
            RetryAttempts = 1,
            ChannelCloseTimeout = TimeSpan.FromSeconds(1),
            Encoding = Utf8,
        };
        hostKeys.Configure(info);
        OfferKeyExchanges(info, host.KexAlgorithms);
        return info;
    }

    /// <summary>Offers exactly <paramref name="names"/>, in that order (<c>kex_algorithms:</c>); none given leaves SSH.NET's default list (post-quantum first).</summary>
    internal static void OfferKeyExchanges(ConnectionInfo info, IReadOnlyList<string> names)
    {
        if (names.Count == 0)
        {
            return;
        }

        var offered = names.Select(name => (name, factory: info.KeyExchangeAlgorithms[name])).ToArray();
        info.KeyExchangeAlgorithms.Clear();
        foreach (var (name, factory) in offered)
        {
            info.KeyExchangeAlgorithms.Add(name, factory);
        }
    }
}
