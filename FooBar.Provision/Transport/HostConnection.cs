using FooBar.Provision.Inventory;

namespace FooBar.Provision.Transport;

/// <summary>
/// What both transports' connections share: the commands and file writes the engine sends, the round-trip count, the
/// checks made before the first connection, and the remote stops that disposing waits for.
/// </summary>
/// <remarks>A transport sends a script (<see cref="SendAsync"/>) and stops a tagged command (<see cref="StopRemoteAsync"/>); the rest is here.</remarks>
internal abstract class HostConnection : IHostConnection
{
    private readonly List<Task> _stops = [];
    private int _roundTrips;
    private volatile bool _checkedBeforeConnecting;

    /// <summary>Creates the connection for <paramref name="host"/>; nothing is contacted.</summary>
    protected HostConnection(HostEntry host) => Host = host;

    /// <inheritdoc />
    public string HostName => Host.Name;

    /// <inheritdoc />
    public int RoundTrips => Volatile.Read(ref _roundTrips);

    /// <summary>The inventory host.</summary>
    protected HostEntry Host { get; }

    /// <summary>The host's address and port, for messages.</summary>
    protected string Where => $"{Host.Address}:{Host.Port}";

    /// <inheritdoc />
    public Task<CommandResult> RunAsync(RemoteCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        return SendAsync(command.Script, command.StandardInput, command.Timeout, cancellationToken);
    }

    /// <inheritdoc />
    public Task WriteFileAsync(RemoteFile file, CancellationToken cancellationToken = default) =>
        RemoteFileScript.WriteAsync(Host, file, (script, input) => SendAsync(script, input, null, cancellationToken));

    /// <inheritdoc />
    public abstract ValueTask DisposeAsync();

    /// <summary>Sends <paramref name="script"/> with <paramref name="input"/> on its stdin, within <paramref name="timeout"/> (null: the host's command_timeout).</summary>
    protected abstract Task<CommandResult> SendAsync(string script, ReadOnlyMemory<byte>? input, TimeSpan? timeout, CancellationToken cancellationToken);

    /// <summary>Sends SIGTERM to the processes of the command tagged with <paramref name="marker"/> (not a round trip); false when that failed (the host is gone).</summary>
    protected abstract Task<bool> StopRemoteAsync(string marker);

    /// <summary>Counts one command sent to the host.</summary>
    protected void CountRoundTrip() => Interlocked.Increment(ref _roundTrips);

    /// <summary>
    /// Before anything is opened towards the host: refuses an address (or jump host) that is a public DNS resolver
    /// (<see cref="PublicResolvers"/>) and, with <c>accept-new</c>, a known_hosts file that cannot record a key.
    /// </summary>
    /// <exception cref="TransportException">The host must not be connected to.</exception>
    protected void CheckBeforeConnecting()
    {
        if (_checkedBeforeConnecting)
        {
            return;
        }

        if (PublicResolvers.Problems(Host, "the SSH transports refuse to connect to it").FirstOrDefault() is { } resolver)
        {
            throw new TransportException(Host.Name, resolver.Message, resolver.Hint);
        }

        _checkedBeforeConnecting = KnownHostsCheck.Problem(Host) is { } unrecordable ? throw unrecordable : true;
    }

    /// <summary>
    /// Starts stopping the processes of the command tagged with <paramref name="marker"/> on the host, so that a deadline or a
    /// cancellation is reported at once; <see cref="WhenStoppedAsync"/> waits for it.
    /// </summary>
    protected void StartRemoteStop(string marker)
    {
        lock (_stops)
        {
            _stops.Add(StopRemoteAsync(marker));
        }
    }

    /// <summary>Completes when every remote stop started so far has ended.</summary>
    protected Task WhenStoppedAsync()
    {
        lock (_stops)
        {
            return Task.WhenAll([.. _stops]);
        }
    }
}
