using System.Net.Sockets;
using FooBar.Provision.Inventory;
using Renci.SshNet.Common;
using Renci.SshNet.Messages.Transport;

namespace FooBar.Provision.Transport.SshNet;

/// <summary>Turns SSH.NET's exceptions into the transport's own, with the same messages and hints as the OpenSSH transport's.</summary>
internal static class SshNetErrors
{
    /// <summary>
    /// The exception for a failed connection attempt: a <see cref="TransientConnectionException"/> when it may pass and the
    /// attempt may be made again (refused, reset or closed during the handshake, before any session), else a <see cref="TransportException"/>.
    /// </summary>
    /// <param name="host">The host.</param>
    /// <param name="exception">What SSH.NET threw.</param>
    /// <param name="offered">What the login offered (key files, the agent's state), for a refused login.</param>
    public static Exception Connect(HostEntry host, Exception exception, string offered) => exception switch
    {
        SshAuthenticationException e => OpenSshErrors.LoginRefused(host, $"{e.Message.TrimEnd('.')}; offered: {offered}"),
        SocketException { SocketErrorCode: SocketError.ConnectionRefused } => new TransientConnectionException($"connect to host {host.Address} port {host.Port}: Connection refused"),
        SocketException { SocketErrorCode: SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown } e
            => new TransientConnectionException($"Connection reset by {host.Address} port {host.Port} ({e.Message})"),
        SocketException e => OpenSshErrors.CannotReach(host, Socket(host, e)),
        SshConnectionException e when e.DisconnectReason is DisconnectReason.KeyExchangeFailed => new TransportException(
            host.Name,
            $"ssh to {Where(host)} failed: {e.Message}",
            host.KexAlgorithms.Count > 0
                ? $"The host accepts none of its kex_algorithms ({string.Join(", ", host.KexAlgorithms)}): add one the server offers, or leave kex_algorithms out for the default list."
                : "The server offers no key exchange SSH.NET knows: check its sshd KexAlgorithms, or use transport: openssh."),
        SshConnectionException e when e.DisconnectReason is DisconnectReason.HostKeyNotVerifiable => new TransportException(host.Name, $"ssh to {Where(host)} failed: {e.Message}", "Run ssh -v to the host to see why."),
        SshConnectionException e when e.DisconnectReason is DisconnectReason.TooManyConnections or DisconnectReason.ConnectionLost or DisconnectReason.None
            => new TransientConnectionException($"Connection closed by {host.Address} port {host.Port} during the handshake ({e.Message.TrimEnd('.')})"),
        SshConnectionException e => new TransportException(host.Name, $"ssh to {Where(host)} failed: {e.Message}", "Check the server's sshd log; run ssh -v to the host to compare."),
        ProxyException e => OpenSshErrors.CannotReach(host, e.Message),
        // SSH.NET's own timeout (ConnectionInfo.Timeout, set to connect_timeout) may end a silent server's banner wait before ours does.
        SshOperationTimeoutException => OpenSshErrors.CannotReach(host, $"connect to host {host.Address} port {host.Port}: Connection timed out ({host.ConnectTimeoutSeconds} s)"),
        SshException e => new TransportException(host.Name, $"ssh to {Where(host)} failed: {e.Message}", "Check the server's sshd log; run ssh -v to the host to compare."),
        _ => new TransportException(host.Name, $"ssh to {Where(host)} failed: {exception.Message}", "Run ssh -v to the host to compare."),
    };

    /// <summary>OpenSSH's words for a socket error, so messages (and what matches them) agree between transports.</summary>
    private static string Socket(HostEntry host, SocketException e) => e.SocketErrorCode switch
    {
        SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => $"Could not resolve hostname {host.Address}: Name or service not known",
        SocketError.HostUnreachable => $"connect to host {host.Address} port {host.Port}: No route to host",
        SocketError.NetworkUnreachable => $"connect to host {host.Address} port {host.Port}: Network is unreachable",
        SocketError.TimedOut => $"connect to host {host.Address} port {host.Port}: Connection timed out",
        _ => $"connect to host {host.Address} port {host.Port}: {e.Message}",
    };

    private static string Where(HostEntry host) => $"{host.Address}:{host.Port}";
}
