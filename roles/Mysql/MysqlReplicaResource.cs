using FooBar.Provision.Resources;
using FooBar.Provision.Transport;

namespace FooBar.Provision.Roles.Mysql;

/// <summary>A replica that replicates from its primary with GTID: seeded from a dump of the primary when it has no replication yet.</summary>
/// <remarks>
/// Idempotent: the probe reads <c>SHOW SLAVE STATUS</c>. No replication set up: the primary's dump
/// (<c>mariadb-dump --single-transaction --gtid --master-data</c>, run on the primary as root) travels through the
/// controller into the replica's <c>mysql</c>, then <c>CHANGE MASTER TO … MASTER_USE_GTID = slave_pos; START SLAVE</c>.
/// Set up for another primary, port or user: pointed again (no new seed). Stopped without an error: started. An error
/// of the SQL thread, or an I/O error other than a refused password (which is set again), fails the resource with the
/// error and what to do: a broken replica is never reported as converged. The password reaches the replica only on
/// <c>mysql</c>'s stdin.
/// </remarks>
internal sealed partial class MysqlReplicaResource : Resource
{
    // ER_ACCESS_DENIED_ERROR, as Last_IO_Errno reports the primary refusing the replication account.
    private const int AccessDenied = 1045;

    private readonly MysqlReplicaSource _source;
    private readonly string _address;
    private readonly long _serverId;
    private readonly ShellScript _restart;
    private readonly string _marker;

    /// <summary>Creates the resource.</summary>
    /// <param name="source">The primary and the replication account.</param>
    /// <param name="address">This replica's address (the replication account's host on the primary).</param>
    /// <param name="serverId">The <c>server_id</c> the configuration gives this replica.</param>
    /// <param name="restart">Restarts MariaDB, for a seed on a server that does not run its replication settings yet.</param>
    /// <param name="stateDirectory">Where the digest of the password last given to the replica is kept (mode 600).</param>
    public MysqlReplicaResource(MysqlReplicaSource source, string address, long serverId, ShellScript restart, string stateDirectory)
    {
        _source = source;
        _address = address;
        _serverId = serverId;
        _restart = restart;
        StateDirectory = stateDirectory;
        _marker = $"{stateDirectory}/replication.sha256";
    }

    /// <summary>Where the digest of the password last given to the replica is kept.</summary>
    public string StateDirectory { get; }

    /// <summary>Opens the connection to the primary a seed needs; null: a seed fails with what to do.</summary>
    public IConnectionFactory? Peers { get; init; }

    /// <summary>How long a seed waits for the primary to be ready (binary log on, the replication account there).</summary>
    public TimeSpan PrimaryWait { get; init; } = TimeSpan.FromMinutes(5);

    /// <inheritdoc />
    public override string Kind => "mysql-replica";

    /// <inheritdoc />
    public override string Name => _source.Primary.Name;

    /// <inheritdoc />
    // The status, and the digest of the password last set (MariaDB shows no password: a rotation is seen here).
    public override ShellScript ProbeScript => $"{MysqlReplicaStatus.Probe}; if [ -f {_marker} ]; then echo \"digest $(cat {_marker})\"; fi";

    /// <inheritdoc />
    public override ResourceChange? Compare(ProbeResult current, PlanContext context)
    {
        var status = MysqlReplicaStatus.Parse(MysqlShell.Lines(current));
        if (status.Down is not null)
        {
            return Seed(restart: false, $"seed from {_source.Primary.Name} and replicate as {_source.Describe} (if needed: MariaDB is not running yet)");
        }

        if (!status.Configured)
        {
            // A server that does not run this configuration yet (its file changed in this run) would seed with the
            // wrong server_id and no binary log: it restarts first, and the handler's restart is then not needed.
            var restart = status.ServerId != _serverId || !status.LogBin || !status.ReadOnly;
            return Seed(restart, $"seed from {_source.Primary.Name} (mariadb-dump through the controller) and replicate as {_source.Describe}, GTID{(restart ? "; restart MariaDB first (its configuration changed)" : "")}");
        }

        if (status.SqlErrno != 0)
        {
            throw new ResourceFailedException(
                $"replication from {_source.Primary.Name} is broken: the replica stopped applying on error {status.SqlErrno}: {status.Slave("Last_SQL_Error")}",
                $"repair the row on the replica and START SLAVE, or seed it again: STOP SLAVE; RESET SLAVE ALL; on the replica, then apply (a replica without replication is seeded from {_source.Primary.Name})");
        }

        var was = new List<string>();
        Differs("Master_Host", _source.Primary.Address);
        Differs("Master_Port", _source.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Differs("Master_User", _source.User);
        Differs("Using_Gtid", "Slave_Pos");
        if (was.Count > 0)
        {
            return Point($"replicate as {_source.Describe} (was {string.Join(", ", was)})");
        }

        if (status.IoErrno == AccessDenied && status.Slave("Slave_IO_Running") != "Yes")
        {
            return Point($"set the replication password of {_source.Describe} (the primary refused it)");
        }

        if (status.Digest != Digest)
        {
            return Point(status.Digest.Length == 0
                ? $"set the replication password of {_source.Describe} again (no record of the one it has)"
                : $"set the replication password of {_source.Describe} (mysql_replication_password changed)");
        }

        if (status.IoErrno != 0 && status.Slave("Slave_IO_Running") != "Yes")
        {
            throw new ResourceFailedException(
                $"replication from {_source.Primary.Name} is broken: the replica cannot read the primary's binary log (error {status.IoErrno}: {status.Slave("Last_IO_Error")})",
                $"check that {_source.Primary.Name} runs MariaDB on {_source.Primary.Address}:{_source.Port} (mysql_bind_address) and lets this host in (firewall); when the primary no longer has the events the replica needs, seed it again: STOP SLAVE; RESET SLAVE ALL; on the replica, then apply");
        }

        if (status.Slave("Slave_IO_Running") == "No" || status.Slave("Slave_SQL_Running") == "No")
        {
            return new ResourceChange(ChangeAction.Update, $"start replication from {_source.Primary.Name} (stopped: I/O {status.Slave("Slave_IO_Running")}, SQL {status.Slave("Slave_SQL_Running")})", MysqlShell.Run("START SLAVE;\n"));
        }

        return null;

        void Differs(string field, string expected)
        {
            if (!string.Equals(status.Slave(field), expected, StringComparison.OrdinalIgnoreCase))
            {
                was.Add($"{field} {(status.Slave(field) is { Length: > 0 } v ? v : "unset")}");
            }
        }
    }

    // A digest of what CHANGE MASTER was given, salted with the replica's name and the account: the marker is root's
    // alone (mode 600, beside master.info's own copy of the password), and it never leaves the host but in the probe.
    internal string Digest => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"foobar-provision replication\n{_address}\n{_source.User}\n{_source.Password.Reveal()}"))).ToLowerInvariant();

    // Points the replica at the primary again (host, port, user, password), keeps its position, and records the password's digest.
    private ResourceChange Point(string summary) =>
        new(ChangeAction.Update, summary, async (connection, cancellationToken) =>
        {
            await MysqlShell.Run("STOP SLAVE;\n" + _source.ChangeMasterSql + "START SLAVE;\n")(connection, cancellationToken).ConfigureAwait(false);
            await RecordAsync(connection, cancellationToken).ConfigureAwait(false);
        });

    // The digest travels on stdin (a digest of a weak password on a command line could be guessed back).
    private Task RecordAsync(IHostConnection connection, CancellationToken cancellationToken) =>
        RemoteActions.RunCheckedAsync(connection, $"umask 077 && mkdir -p {StateDirectory} && cat > {_marker}", Digest + "\n", cancellationToken: cancellationToken);

    private ResourceChange Seed(bool restart, string summary)
    {
        var note = new AppliedNote();
        return new ResourceChange(ChangeAction.Create, summary, (connection, cancellationToken) => SeedAsync(connection, restart, note, cancellationToken))
        {
            Satisfies = restart ? [MysqlRole.RestartHandler] : [],
            AppliedNote = () => note.Text,
        };
    }
}
