namespace FooBar.Provision.Transport;

/// <summary>One host, as the engine sees it: run a command, write a file, close.</summary>
/// <remarks>
/// The OpenSSH implementation is the only code that starts <c>ssh</c>; everything else is tested against
/// a mock or a fake of this interface. Every call is one round trip, counted in <see cref="RoundTrips"/>.
/// </remarks>
public interface IHostConnection : IAsyncDisposable
{
    /// <summary>The inventory name of the host.</summary>
    string HostName { get; }

    /// <summary>How many commands this connection has sent (each is one SSH round trip).</summary>
    int RoundTrips { get; }

    /// <summary>Runs <paramref name="command"/> (as root when the host asks for become) and returns its result.</summary>
    /// <exception cref="TransportException">The host could not be reached, refused us, or the command timed out.</exception>
    Task<CommandResult> RunAsync(RemoteCommand command, CancellationToken cancellationToken = default);

    /// <summary>Writes <paramref name="file"/> atomically: a temporary file in the same directory, then a rename.</summary>
    Task WriteFileAsync(RemoteFile file, CancellationToken cancellationToken = default);
}
