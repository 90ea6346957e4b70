using System.Net.Sockets;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace FooBar.Provision.Transport.SshNet;

/// <summary>What SSH.NET's channel failures mean, and a finished command's exit code.</summary>
internal static class SshNetChannels
{
    /// <summary>The signals a server may name in <c>exit-signal</c> (RFC 4254 6.10), with their Linux numbers.</summary>
    private static readonly Dictionary<string, int> Signals = new(StringComparer.Ordinal)
    {
        ["HUP"] = 1,
        ["INT"] = 2,
        ["QUIT"] = 3,
        ["ILL"] = 4,
        ["ABRT"] = 6,
        ["FPE"] = 8,
        ["KILL"] = 9,
        ["USR1"] = 10,
        ["SEGV"] = 11,
        ["USR2"] = 12,
        ["PIPE"] = 13,
        ["ALRM"] = 14,
        ["TERM"] = 15,
    };

    /// <summary>True when the server refused to open a channel (it allows fewer sessions than we asked for): nothing ran, it may be tried again.</summary>
    public static bool IsRefused(SshException exception) =>
        exception is not SshConnectionException && exception.Message.StartsWith("Failed to open a channel", StringComparison.Ordinal);

    /// <summary>True when <paramref name="exception"/> says the connection is gone (closed, reset, silent past the timeout).</summary>
    public static bool IsConnectionGone(Exception exception) =>
        exception is SshConnectionException or SshOperationTimeoutException or ObjectDisposedException or SocketException or IOException;

    /// <summary>The command's exit code: its <c>exit-status</c>; 128 + the signal's number when a signal ended it (as a shell reports it); else 255, as ssh.</summary>
    public static int ExitCode(SshCommand command) =>
        command.ExitStatus ?? (command.ExitSignal is { } signal ? 128 + Signals.GetValueOrDefault(signal, 127) : 255);
}
