namespace FooBar.Provision.Transport.SshNet;

/// <summary>A second connection opened aside, to show that the host accepts new connections now.</summary>
internal sealed partial class SshNetConnection : IChecksNewConnections
{
    /// <inheritdoc />
    /// <remarks>One try (no retries), bounded as the first connection is; the open connection is not touched.</remarks>
    public async Task CheckNewConnectionAsync(CancellationToken cancellationToken)
    {
        CheckBeforeConnecting();
        var started = _options.TimeProvider.GetTimestamp();
        try
        {
            using var link = await ConnectOnceAsync(_authentication ?? SshNetAuthentication.Load(Host), cancellationToken).ConfigureAwait(false);
        }
        catch (TransientConnectionException exception)
        {
            throw OpenSshErrors.CannotOpen(Host, 1, _options.TimeProvider.GetElapsedTime(started).TotalSeconds, exception.Message);
        }
    }
}
