namespace FooBar.Provision.Transport;

/// <summary>
/// A connection that can open its SSH connection (handshake, host key, authentication) before its first command, so
/// that what the engine does before that command (reading the facts cache, building the plan) overlaps the handshake.
/// </summary>
/// <remarks>
/// The engine awaits <see cref="OpenAsync"/> before its first command and reports its failure as the first command's
/// would have been reported (the same exception: the transports open the same way either way), so a host that cannot be
/// reached is tried once, not twice. Opening sends no command: <see cref="IHostConnection.RoundTrips"/> is unchanged.
/// </remarks>
internal interface IOpensAhead
{
    /// <summary>Opens the connection now, unless it is open.</summary>
    /// <exception cref="TransportException">The host could not be reached or refused us.</exception>
    Task OpenAsync(CancellationToken cancellationToken);
}
