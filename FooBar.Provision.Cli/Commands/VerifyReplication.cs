using FooBar.Provision.Cli.Rendering;
using FooBar.Provision.Inventory;
using FooBar.Provision.Roles.Mysql;
using FooBar.Provision.Verification;

namespace FooBar.Provision.Cli.Commands;

/// <summary>The replica part of <c>provision verify</c>: each selected MariaDB replica (a host whose <c>mysql_primary</c> names another host)
/// is checked over SSH, read-only: replication threads, lag, and a measured catch-up.</summary>
internal static class VerifyReplication
{
    public static async Task<IReadOnlyList<ReplicationCheck>> RunAsync(CliContext context, LoadedInventory inventory, int forks, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var pairs = inventory.Hosts
            .Select(h => (Replica: h, Primary: MysqlReplicationCheck.PrimaryOf(h, inventory.View)))
            .Where(p => p.Primary is not null)
            .Select(p => (p.Replica, Primary: inventory.Hosts.FirstOrDefault(h => h.Name == p.Primary!.Name) ?? p.Primary!))
            .ToArray();
        if (pairs.Length == 0)
        {
            return [];
        }

        await using var scope = new ConnectionScope(context.Services.ConnectionFactory());
        using var gate = new SemaphoreSlim(Math.Max(1, forks));
        return await Task.WhenAll(pairs.Select(async p =>
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return await MysqlReplicationCheck.CheckAsync(p.Replica, p.Primary, scope.Factory, timeout, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                gate.Release();
            }
        })).ConfigureAwait(false);
    }

    /// <summary>One line per replica: host, what it replicates from, status, what was seen.</summary>
    public static void WriteChecks(TextWriter output, VerifyReport report, int hostWidth, Ansi ansi)
    {
        foreach (var check in report.Replication)
        {
            var status = check.StatusName;
            output.WriteLine($"{check.Host.PadRight(hostWidth)}  replication from {check.Primary}  {(check.Passed ? ansi.Green(status) : ansi.Red(status))}  {check.Message}");
        }
    }

    /// <summary>The recap line of a host's replica check, or null when it has none.</summary>
    public static string? RecapOf(VerifyReport report, string host, int hostWidth, Ansi ansi) =>
        report.Replication.FirstOrDefault(r => r.Host == host) is { } check
            ? $"{host.PadRight(hostWidth)}  replication {check.StatusName}  {ListingWriter.Seconds(check.Duration)}{(check.Passed ? "" : "  " + ansi.Red("FAILED"))}"
            : null;

    /// <summary>The summary's words for the replicas ("" without any).</summary>
    public static string Summary(VerifyReport report) =>
        report.Replication.Count == 0 ? "" : $"; {report.Replication.Count} replica(s), {report.Replication.Count(r => r.Passed)} replicating";
}
