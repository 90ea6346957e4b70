namespace FooBar.Provision.Transport;

/// <summary>A connection that can show that a new connection to its host is accepted right now, without touching its own.</summary>
/// <remarks>
/// For a change that could cut the controller off (a firewall): the open connection survives it (its packets belong to an
/// established connection), a new one meets what the next run will meet. The SSH.NET transport and the test kit's fake
/// host implement it; the OpenSSH transport does not (a new connection would go through the user's own
/// <c>~/.ssh/config</c> multiplexing).
/// </remarks>
public interface IChecksNewConnections
{
    /// <summary>Opens a new connection to the host as this one was opened (jump hosts, keys, host key check), sends nothing, and closes it.</summary>
    /// <exception cref="TransportException">The new connection could not be opened (refused, timed out, rejected).</exception>
    Task CheckNewConnectionAsync(CancellationToken cancellationToken);
}
