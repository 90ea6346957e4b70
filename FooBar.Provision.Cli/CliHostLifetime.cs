using Microsoft.Extensions.Hosting;

namespace FooBar.Provision.Cli;

/// <summary>
/// The host lifetime of a <see cref="ProvisionApplication"/>: it waits for nothing and prints nothing (the console
/// lifetime's "Application started" lines and its own Ctrl+C handling would get in the way): the run's end is the
/// application's end, and Ctrl+C and SIGTERM reach the run as its cancellation (<see cref="TerminationSignals"/>).
/// </summary>
internal sealed class CliHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
