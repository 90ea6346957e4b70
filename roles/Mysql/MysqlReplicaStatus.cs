using System.Globalization;
using FooBar.Provision.Transport;

namespace FooBar.Provision.Roles.Mysql;

/// <summary>What a replica's probe saw: the running server's settings and its <c>SHOW SLAVE STATUS</c>.</summary>
/// <remarks>The same probe serves the role's plan and <c>provision verify</c>. It never prints the replication password
/// (<c>SHOW SLAVE STATUS</c> has none).</remarks>
internal sealed class MysqlReplicaStatus
{
    // The fields of SHOW SLAVE STATUS the role and verify read (vertical output, one "Name: value" a line).
    private const string Fields = "Master_Host|Master_Port|Master_User|Slave_IO_Running|Slave_SQL_Running|Seconds_Behind_Master|Last_IO_Errno|Last_IO_Error|Last_SQL_Errno|Last_SQL_Error|Using_Gtid|Gtid_IO_Pos";

    private const string ServerSql = "SELECT CONCAT_WS(' ', 'server', @@server_id, @@log_bin + 0, @@read_only + 0); SELECT CONCAT('gtid_slave_pos ', @@gtid_slave_pos); SELECT CONCAT('gtid_binlog_pos ', @@gtid_binlog_pos)";

    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _slave = new(StringComparer.Ordinal);

    private MysqlReplicaStatus(string? down) => Down = down;

    /// <summary>The read-only probe: <c>absent</c> (no client), <c>unreachable …</c> (no server), else <c>server ID LOG_BIN READ_ONLY</c>,
    /// the GTID positions, and one <c>slave NAME VALUE</c> line per field of <c>SHOW SLAVE STATUS</c> (none when no replication is set up).</summary>
    public static ShellScript Probe { get; } =
        $"if ! command -v mysql >/dev/null 2>&1; then echo {MysqlShell.Absent}; " +
        $"elif out=$(mysql -N -B -e {ServerSql} 2>&1 </dev/null); then printf '%s\\n' \"$out\"; " +
        $"mysql -E -e 'SHOW SLAVE STATUS' </dev/null 2>/dev/null | sed -n -E {$"s/^ *({Fields}): ?(.*)$/slave \\1 \\2/p"}; " +
        $"else echo \"{MysqlShell.Unreachable} $(printf '%s\\n' \"$out\" | head -n 1)\"; fi";

    /// <summary>Why the server could not be asked (<c>absent</c>, <c>unreachable: …</c>), or null when it answered.</summary>
    public string? Down { get; }

    /// <summary>The running server's <c>server_id</c>.</summary>
    public long ServerId => long.TryParse(Server(0), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0;

    /// <summary>Whether the running server writes a binary log.</summary>
    public bool LogBin => Server(1) == "1";

    /// <summary>Whether the running server is read-only.</summary>
    public bool ReadOnly => Server(2) == "1";

    /// <summary>The GTID position the replica has applied (<c>@@gtid_slave_pos</c>).</summary>
    public string SlavePos => _values.GetValueOrDefault("gtid_slave_pos", "");

    /// <summary>The digest of the replication password the role last gave this replica (see <see cref="MysqlReplicaResource"/>), "" when none is recorded.</summary>
    public string Digest => _values.GetValueOrDefault("digest", "");

    /// <summary>Whether replication is set up (a primary is configured), running or not.</summary>
    public bool Configured => Slave("Master_Host").Length > 0;

    /// <summary>A field of <c>SHOW SLAVE STATUS</c>, "" when absent.</summary>
    public string Slave(string name) => _slave.GetValueOrDefault(name, "");

    /// <summary>Both replication threads run.</summary>
    public bool Running => Slave("Slave_IO_Running") == "Yes" && Slave("Slave_SQL_Running") == "Yes";

    /// <summary><c>Seconds_Behind_Master</c>, or null when it is NULL (a thread stopped).</summary>
    public long? SecondsBehind => long.TryParse(Slave("Seconds_Behind_Master"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : null;

    /// <summary><c>Last_IO_Errno</c>: why the replica cannot read the primary's binary log (0: no error).</summary>
    public int IoErrno => int.TryParse(Slave("Last_IO_Errno"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;

    /// <summary><c>Last_SQL_Errno</c>: why the replica stopped applying events (0: no error).</summary>
    public int SqlErrno => int.TryParse(Slave("Last_SQL_Errno"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;

    /// <summary>Reads the probe's lines.</summary>
    public static MysqlReplicaStatus Parse(IReadOnlyList<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var first = lines.FirstOrDefault() ?? MysqlShell.Absent;
        if (first == MysqlShell.Absent || first.StartsWith(MysqlShell.Unreachable, StringComparison.Ordinal))
        {
            return new MysqlReplicaStatus(first);
        }

        var status = new MysqlReplicaStatus(null);
        foreach (var line in lines)
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            var (key, rest) = space < 0 ? (line, "") : (line[..space], line[(space + 1)..]);
            if (key == "slave")
            {
                var inner = rest.IndexOf(' ', StringComparison.Ordinal);
                status._slave[inner < 0 ? rest : rest[..inner]] = inner < 0 ? "" : rest[(inner + 1)..];
            }
            else
            {
                status._values[key] = rest;
            }
        }

        return status;
    }

    private string Server(int index)
    {
        var parts = _values.GetValueOrDefault("server", "").Split(' ');
        return index < parts.Length ? parts[index] : "";
    }
}
