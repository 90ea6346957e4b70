using FooBar.Provision.Transport;

namespace FooBar.Provision.Testing;

/// <summary>New connections opened aside (<see cref="IChecksNewConnections"/>): accepted, unless the host plays a firewall that refuses them.</summary>
public sealed partial class FakeHost : IChecksNewConnections
{
    /// <summary>When true, a new connection to the host times out (a firewall that cut the controller off); the open one goes on working.</summary>
    public bool RefusesNewConnections { get; set; }

    /// <summary>How many new connections were opened aside (<see cref="IChecksNewConnections.CheckNewConnectionAsync"/>).</summary>
    public int NewConnections { get; private set; }

    /// <inheritdoc />
    /// <exception cref="HostUnreachableException"><see cref="RefusesNewConnections"/> or <see cref="Unreachable"/> is set.</exception>
    public Task CheckNewConnectionAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            NewConnections++;
            if (RefusesNewConnections || Unreachable)
            {
                throw new HostUnreachableException(HostName, "connect to host port 22: Connection timed out (FakeHost.RefusesNewConnections)", "the fake host plays a host that refuses new connections");
            }
        }

        return Task.CompletedTask;
    }
}
