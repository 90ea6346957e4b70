using System.Globalization;
using System.Net;

namespace FooBar.Provision.Roles.Firewall;

/// <summary>The controller's SSH connection as the host sees it (<c>$SSH_CONNECTION</c>: client address and port, server address and port).</summary>
/// <param name="Client">The controller's address as the host sees it (through a jump host: the jump host's).</param>
/// <param name="ServerPort">The port sshd answered on.</param>
internal sealed record SshConnection(IPAddress Client, long ServerPort)
{
    /// <summary>Reads <c>$SSH_CONNECTION</c>'s four fields, or null when they are not there.</summary>
    public static SshConnection? Parse(string? text)
    {
        var fields = (text ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 4 || !IPAddress.TryParse(fields[0], out var client) || !long.TryParse(fields[3], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            return null;
        }

        return new SshConnection(client.IsIPv4MappedToIPv6 ? client.MapToIPv4() : client, port);
    }
}
