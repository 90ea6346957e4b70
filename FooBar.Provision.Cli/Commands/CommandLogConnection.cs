using System.Diagnostics;
using FooBar.Provision.Cli.Rendering;
using FooBar.Provision.Transport;

namespace FooBar.Provision.Cli.Commands;

/// <summary>A host connection that logs each command before it goes and its outcome when it returns.</summary>
internal sealed class CommandLogConnection(IHostConnection inner, CommandLog log) : IHostConnection
{
    public string HostName => inner.HostName;

    public int RoundTrips => inner.RoundTrips;

    public async Task<CommandResult> RunAsync(RemoteCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        log.Sent(HostName, command);
        var clock = Stopwatch.StartNew();
        try
        {
            var result = await inner.RunAsync(command, cancellationToken).ConfigureAwait(false);
            log.Finished(HostName, result.ExitText, clock.Elapsed);
            return result;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.Finished(HostName, $"error: {e.Message}", clock.Elapsed);
            throw;
        }
    }

    public async Task WriteFileAsync(RemoteFile file, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        log.Writing(HostName, file);
        var clock = Stopwatch.StartNew();
        try
        {
            await inner.WriteFileAsync(file, cancellationToken).ConfigureAwait(false);
            log.Finished(HostName, "written", clock.Elapsed);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.Finished(HostName, $"error: {e.Message}", clock.Elapsed);
            throw;
        }
    }

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
