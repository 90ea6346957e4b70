using System.Diagnostics;
using FooBar.Provision.Inventory;
using FooBar.Provision.Transport;

namespace FooBar.Provision.Cli.Commands;

/// <summary>Runs one command on each host, at most <c>forks</c> hosts at once; a host that fails does not stop the others.</summary>
internal static class AdHocRun
{
    /// <summary>The result of every host, in the order given; <paramref name="finished"/> hears of each as it ends.</summary>
    public static async Task<IReadOnlyList<AdHocResult>> RunAsync(
        IConnectionFactory connections, IReadOnlyList<HostEntry> hosts, RemoteCommand command, int forks, Action<AdHocResult> finished, CancellationToken cancellationToken)
    {
        using var gate = new SemaphoreSlim(Math.Max(1, forks));
        return await Task.WhenAll(hosts.Select(async host =>
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var result = await OneAsync(connections, host, command, cancellationToken).ConfigureAwait(false);
                finished(result);
                return result;
            }
            finally
            {
                gate.Release();
            }
        })).ConfigureAwait(false);
    }

    private static async Task<AdHocResult> OneAsync(IConnectionFactory connections, HostEntry host, RemoteCommand command, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var connection = connections.Open(host);
        await using (connection.ConfigureAwait(false))
        {
            try
            {
                var result = await connection.RunAsync(command, cancellationToken).ConfigureAwait(false);
                return new AdHocResult(host.Name, result.Succeeded ? "ok" : "failed", result.ExitCode, result.StandardOutput, result.StandardError, clock.Elapsed);
            }
            catch (CommandTimeoutException e)
            {
                return new AdHocResult(host.Name, "failed", null, "", "", clock.Elapsed, Describe(e));
            }
            catch (TransportException e)
            {
                return new AdHocResult(host.Name, "unreachable", null, "", "", clock.Elapsed, Describe(e));
            }
            catch (ProvisionException e)
            {
                return new AdHocResult(host.Name, "failed", null, "", "", clock.Elapsed, Describe(e));
            }
        }
    }

    private static string Describe(ProvisionException e) => e.Message + (e.Hint is null ? "" : $" (hint: {e.Hint})");
}
