using System.Diagnostics;
using System.Globalization;
using FooBar.Provision.Inventory;
using FooBar.Provision.Transport;
using FooBar.Provision.Verification;

namespace FooBar.Provision.Roles.Mysql;

/// <summary>What <c>provision verify</c> checks on a MariaDB replica of the mysql role: both replication threads run, from the
/// primary <c>mysql_primary</c> names, and how far behind the replica is.</summary>
/// <remarks>
/// Read-only, over SSH, as root through the unix socket: the replica's <c>SHOW SLAVE STATUS</c>, the primary's
/// <c>@@gtid_binlog_pos</c>, then on the replica <c>MASTER_GTID_WAIT</c> for that position, timed on the replica
/// itself. The measured catch-up is how long the replica took to hold everything the primary had committed one SSH
/// round trip earlier: about 0 for a replica that keeps up, the delay of the backlog otherwise.
/// </remarks>
public static class MysqlReplicationCheck
{
    /// <summary>The primary <paramref name="host"/> replicates from (its <c>mysql_primary</c>, when that names another host of
    /// <paramref name="inventory"/> and the host has the mysql role), else null: not a replica.</summary>
    public static HostEntry? PrimaryOf(HostEntry host, InventoryView inventory)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(inventory);
        return host.Roles.Contains("mysql", StringComparer.Ordinal)
            && host.Variables.TryGetValue(MysqlVariables.Primary.Name, out var value) && value is string name && name.Length > 0 && name != host.Name
            ? inventory.Find(name)
            : null;
    }

    /// <summary>Checks <paramref name="replica"/> against <paramref name="primary"/>; never throws for what it finds (an unreachable host is a failed check).</summary>
    /// <param name="replica">The replica's inventory entry.</param>
    /// <param name="primary">The primary's inventory entry.</param>
    /// <param name="connections">Opens SSH connections to both.</param>
    /// <param name="timeout">How long the replica may take to reach the primary's position.</param>
    /// <param name="cancellationToken">Stops the check.</param>
    public static async Task<ReplicationCheck> CheckAsync(HostEntry replica, HostEntry primary, IConnectionFactory connections, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(replica);
        ArgumentNullException.ThrowIfNull(primary);
        ArgumentNullException.ThrowIfNull(connections);
        var clock = Stopwatch.StartNew();
        var replicaConnection = connections.Open(replica);
        await using (replicaConnection.ConfigureAwait(false))
        {
            var primaryConnection = connections.Open(primary);
            await using (primaryConnection.ConfigureAwait(false))
            {
                try
                {
                    return await CheckAsync(replica, primary, replicaConnection, primaryConnection, timeout, clock, cancellationToken).ConfigureAwait(false);
                }
                catch (TransportException e)
                {
                    return new ReplicationCheck(replica.Name, primary.Name, false, $"cannot check: {e.Message}", clock.Elapsed) { Error = e.Message };
                }
            }
        }
    }

    private static async Task<ReplicationCheck> CheckAsync(HostEntry replica, HostEntry primary, IHostConnection replicaConnection, IHostConnection primaryConnection, TimeSpan timeout, Stopwatch clock, CancellationToken cancellationToken)
    {
        var probe = await replicaConnection.RunAsync(new RemoteCommand(MysqlReplicaStatus.Probe).AsReadOnly(), cancellationToken).ConfigureAwait(false);
        var status = MysqlReplicaStatus.Parse(probe.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        ReplicationCheck Failed(string message, string? error = null) =>
            new(replica.Name, primary.Name, false, message, clock.Elapsed)
            {
                IoRunning = status.Slave("Slave_IO_Running"),
                SqlRunning = status.Slave("Slave_SQL_Running"),
                SecondsBehindMaster = status.SecondsBehind,
                ReplicaGtid = status.Down is null ? status.SlavePos : null,
                Error = error ?? message,
            };

        if (status.Down is { } down)
        {
            return Failed($"MariaDB does not answer on {replica.Name} ({down})");
        }

        if (!status.Configured)
        {
            return Failed($"{replica.Name} does not replicate (no primary set up): apply it (mysql_primary: {primary.Name})");
        }

        if (status.Slave("Master_Host") != primary.Address)
        {
            return Failed($"{replica.Name} replicates from {status.Slave("Master_Host")}, not from {primary.Name} ({primary.Address}): apply it");
        }

        var threads = $"I/O {status.Slave("Slave_IO_Running")}, SQL {status.Slave("Slave_SQL_Running")}, Seconds_Behind_Master {(status.SecondsBehind is { } s ? s.ToString(CultureInfo.InvariantCulture) : "NULL")}";
        if (!status.Running || status.SqlErrno != 0 || status.IoErrno != 0)
        {
            var error = status.SqlErrno != 0 ? $"SQL error {status.SqlErrno}: {status.Slave("Last_SQL_Error")}"
                : status.IoErrno != 0 ? $"I/O error {status.IoErrno}: {status.Slave("Last_IO_Error")}"
                : "a replication thread is stopped";
            return Failed($"replication from {primary.Name} is broken: {threads}; {error}", error);
        }

        var position = await primaryConnection.RunAsync(new RemoteCommand($"mysql -N -B -e 'SELECT @@gtid_binlog_pos' </dev/null").AsReadOnly(), cancellationToken).ConfigureAwait(false);
        if (!position.Succeeded)
        {
            return Failed($"cannot read {primary.Name}'s binary log position: {position.StandardError.Trim()}");
        }

        var gtid = position.StandardOutput.Trim();
        var seconds = Math.Max(1, (int)Math.Ceiling(timeout.TotalSeconds));
        var sql = $"SELECT MASTER_GTID_WAIT({MysqlSql.Literal(gtid)}, {seconds}), @@gtid_slave_pos";
        var wait = await replicaConnection.RunAsync(
            new RemoteCommand($"s=$(date +%s%N); w=$(mysql -N -B -e {sql} </dev/null 2>&1); e=$(date +%s%N); echo \"$(( (e - s) / 1000 )) $w\"").AsReadOnly(),
            cancellationToken).ConfigureAwait(false);
        var parts = wait.StandardOutput.Trim().Split([' ', '\t'], 3);
        var reached = parts.Length >= 2 && parts[1] == "0";
        var replicaGtid = parts.Length == 3 ? parts[2] : status.SlavePos;
        var catchUp = reached && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var micro) ? TimeSpan.FromTicks(micro * 10) : (TimeSpan?)null;
        var shown = gtid.Length > 0 ? gtid : "(empty)";
        var message = catchUp is { } lag
            ? $"replicates from {primary.Name} ({primary.Address}): {threads}; reached {primary.Name}'s GTID {shown} in {lag.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture)} s"
            : $"replication from {primary.Name} runs but lags: {threads}; it did not reach {primary.Name}'s GTID {shown} within {seconds} s";
        return new ReplicationCheck(replica.Name, primary.Name, catchUp is not null, message, clock.Elapsed)
        {
            IoRunning = status.Slave("Slave_IO_Running"),
            SqlRunning = status.Slave("Slave_SQL_Running"),
            SecondsBehindMaster = status.SecondsBehind,
            PrimaryGtid = gtid,
            ReplicaGtid = replicaGtid,
            CatchUp = catchUp,
            Error = catchUp is null ? $"did not reach {shown} within {seconds} s" : null,
        };
    }
}
