using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using FooBar.Provision.Resources;
using FooBar.Provision.Transport;

namespace FooBar.Provision.Roles.Mysql;

internal sealed partial class MysqlReplicaResource
{
    // mariadb-dump ends a complete dump with this comment: a dump cut short (the server went away) has none.
    private const string Completed = "-- Dump completed";

    // The dump of every database, consistent (one transaction) and with the GTID position it was taken at; run on
    // the primary as root over the unix socket, compressed and base64 for the way back through the controller.
    private static readonly ShellScript DumpScript =
        $"d=$(command -v mariadb-dump || command -v mysqldump) && \"$d\" --single-transaction --gtid --master-data=1 --all-databases --routines --events --triggers --hex-blob | gzip -1 | base64";

    // On the replica: the composed SQL arrives gzip-compressed on stdin.
    private static readonly ShellScript LoadScript = $"gzip -dc | mysql -N -B";

    private async Task SeedAsync(IHostConnection replica, bool restart, AppliedNote note, CancellationToken cancellationToken)
    {
        if (restart)
        {
            await RemoteActions.RunCheckedAsync(replica, _restart, timeout: TimeSpan.FromMinutes(5), cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        var peers = Peers ?? throw new ResourceFailedException(
            $"seeding this replica needs a connection to {_source.Primary.Name}, which this run does not give",
            "apply with provision (it gives one), or seed the replica by hand as roles/Mysql/README.md says");
        var primary = peers.Open(_source.Primary);
        await using (primary.ConfigureAwait(false))
        {
            await WaitForPrimaryAsync(primary, cancellationToken).ConfigureAwait(false);
            var dump = await DumpAsync(primary, cancellationToken).ConfigureAwait(false);
            var gtid = GtidOf(dump);
            // The whole session leaves the replica's binary log empty (sql_log_bin = 0): a GTID of its own would conflict
            // with the position it replicates from (gtid_strict_mode).
            var input = Compress(
                "STOP SLAVE;\nRESET SLAVE ALL;\nRESET MASTER;\nSET SESSION sql_log_bin = 0;\n",
                dump,
                $"FLUSH PRIVILEGES;\nSET GLOBAL gtid_slave_pos = {MysqlSql.Literal(gtid)};\n" + _source.ChangeMasterSql + "START SLAVE;\n");
            var result = await replica.RunAsync(new RemoteCommand(LoadScript) { Timeout = TimeSpan.FromMinutes(30) }.WithStandardInput(input), cancellationToken).ConfigureAwait(false);
            if (!result.Succeeded)
            {
                throw new ResourceFailedException($"loading {_source.Primary.Name}'s dump failed ({result.ExitText}): {Tail(result.StandardError)}", "read the error; the replica stays without replication, so the next apply seeds it again");
            }

            await RecordAsync(replica, cancellationToken).ConfigureAwait(false);
            note.Text = string.Create(CultureInfo.InvariantCulture, $"seeded {dump.Length / 1024.0 / 1024.0:0.0} MiB from {_source.Primary.Name} at GTID {(gtid.Length > 0 ? gtid : "'' (the primary's binary log from its start)")}");
        }
    }

    // The primary is ready once it writes a binary log and has this replica's account: it may be converging in the
    // same run (a fresh pair), so the replica waits for it, bounded.
    private async Task WaitForPrimaryAsync(IHostConnection primary, CancellationToken cancellationToken)
    {
        var sql = $"SELECT CONCAT_WS(' ', 'ready', @@log_bin + 0, (SELECT COUNT(*) FROM mysql.user WHERE User = {MysqlSql.Literal(_source.User)} AND Host = {MysqlSql.Literal(_address)}))";
        var command = new RemoteCommand($"mysql -N -B -e {sql} </dev/null 2>&1").AsReadOnly();
        var deadline = DateTime.UtcNow + PrimaryWait;
        var seen = "";
        while (true)
        {
            var result = await primary.RunAsync(command, cancellationToken).ConfigureAwait(false);
            seen = result.StandardOutput.Trim();
            if (result.Succeeded && seen == "ready 1 1")
            {
                return;
            }

            if (DateTime.UtcNow >= deadline)
            {
                var why = !result.Succeeded ? $"MariaDB does not answer there ({Tail(seen)})"
                    : seen.StartsWith("ready 0", StringComparison.Ordinal) ? "its binary log is off (its configuration is not in effect yet)"
                    : $"it has no account {_source.User}@{_address}";
                throw new ResourceFailedException(
                    $"{_source.Primary.Name} is not ready to be replicated from after {PrimaryWait.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s: {why}",
                    $"apply {_source.Primary.Name} (its mysql_primary names itself) before or with this host; raise mysql_replication_wait for a slow primary");
            }

            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<byte[]> DumpAsync(IHostConnection primary, CancellationToken cancellationToken)
    {
        var result = await primary.RunAsync(new RemoteCommand(DumpScript) { Timeout = TimeSpan.FromMinutes(30) }, cancellationToken).ConfigureAwait(false);
        byte[] dump;
        try
        {
            using var compressed = new MemoryStream(Convert.FromBase64String(result.StandardOutput));
            await using var gzip = new GZipStream(compressed, CompressionMode.Decompress);
            using var plain = new MemoryStream();
            await gzip.CopyToAsync(plain, cancellationToken).ConfigureAwait(false);
            dump = plain.ToArray();
        }
        catch (Exception e) when (e is FormatException or InvalidDataException)
        {
            dump = [];
        }

        var end = Encoding.UTF8.GetString(dump.AsSpan(Math.Max(0, dump.Length - 200)));
        if (!end.Contains(Completed, StringComparison.Ordinal))
        {
            throw new ResourceFailedException($"the dump of {_source.Primary.Name} is incomplete: {Tail(result.StandardError)}", $"read the error; mariadb-dump runs on {_source.Primary.Name} as root");
        }

        return dump;
    }

    // The GTID position the dump was taken at: mariadb-dump --gtid --master-data prints it as a statement of its own
    // line after the data (the last such line; table data never starts a line with it).
    private string GtidOf(byte[] dump)
    {
        var tail = Encoding.UTF8.GetString(dump.AsSpan(Math.Max(0, dump.Length - (64 * 1024))));
        var match = GtidLine().Matches(tail).LastOrDefault();
        return match is not null ? match.Groups[1].Value : throw new ResourceFailedException(
            $"the dump of {_source.Primary.Name} carries no GTID position",
            $"the primary must write a binary log (its mysql_primary names itself); apply {_source.Primary.Name}, then this host");
    }

    private static byte[] Compress(string prefix, byte[] dump, string suffix)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(prefix));
            gzip.Write(dump);
            gzip.Write(Encoding.UTF8.GetBytes("\n" + suffix));
        }

        return output.ToArray();
    }

    private static string Tail(string text) => string.Join(' ', text.Trim().Split('\n').TakeLast(3)).Trim() is { Length: > 0 } t ? t : "no message";

    [GeneratedRegex("^SET GLOBAL gtid_slave_pos\\s*=\\s*'([0-9,-]*)';\\r?$", RegexOptions.CultureInvariant | RegexOptions.Multiline)]
    private static partial Regex GtidLine();
}
