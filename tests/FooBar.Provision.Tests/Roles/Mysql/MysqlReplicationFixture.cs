using System.IO.Compression;
using System.Text;
using FooBar.Provision.Inventory;
using FooBar.Provision.Roles.Mysql;
using FooBar.Provision.Testing;
using FooBar.Provision.Transport;
using FooBar.Provision.Variables;

namespace FooBar.Provision.Tests.Roles.Mysql;

/// <summary>A primary (db1) and a replica (db2) on the test kit: the inventory they see, and fake MariaDB answers.</summary>
internal static class MysqlReplicationFixture
{
    public const string ReplPassword = "R3pl-s3cret'\"$x";
    public const string Gtid = "0-167772171-42";

    public static HostEntry Db(string name, string address, params (string Name, object? Value)[] extra)
    {
        var variables = new Dictionary<string, object?> { ["mysql_primary"] = "db1" };
        foreach (var (key, value) in extra)
        {
            variables[key] = value;
        }

        return new HostEntry(name, address) { Roles = ["mysql"], Groups = ["db"], Variables = new VariableSet(variables) };
    }

    public static InventoryView Pair(params HostEntry[] more) =>
        new([Db("db1", "10.0.0.11"), Db("db2", "10.0.0.12"), .. more]);

    /// <summary>The mysql role on <paramref name="host"/> (db1 or db2) of <paramref name="inventory"/>, with the secrets set.</summary>
    public static RoleHarness Harness(FakeHost host, InventoryView? inventory = null) =>
        new RoleHarness(host, new MysqlRole())
            .WithInventory(inventory ?? Pair())
            .WithSecret("db_password", MysqlFixture.Password)
            .WithSecret("mysql_replication_password", ReplPassword)
            .WithVariable("mysql_bind_address", "0.0.0.0")
            .WithVariable("mysql_schema_file", "")
            .WithVariable("mysql_replication_wait", 0);

    /// <summary>What the primary answers a replica's seed: ready, and a complete dump at <see cref="Gtid"/>.</summary>
    public static FakeHost Primary(string dumpBody = "CREATE TABLE t (id INT);\n")
    {
        var primary = new FakeHost("db1");
        primary.OnCommand("@@log_bin + 0, (SELECT", (_, _) => new CommandResult(0, "ready 1 1\n", ""));
        primary.OnCommand("mariadb-dump", (_, _) => new CommandResult(0, DumpOutput($"-- MariaDB dump\n{dumpBody}SET GLOBAL gtid_slave_pos='{Gtid}';\n-- Dump completed on 2026-11-30 12:00:00\n"), ""));
        return primary;
    }

    /// <summary>A replica whose MariaDB replicates once the seed's load ran, and whose probe shows the password's digest once recorded.</summary>
    public static FakeHost Replica(long serverId = 167772172)
    {
        var replica = new FakeHost("db2");
        var configured = false;
        var recorded = false;
        replica.OnCommand("SHOW SLAVE STATUS", (_, _) => new CommandResult(0, $"server {serverId} 1 1\ngtid_slave_pos {(configured ? Gtid : "")}\ngtid_binlog_pos \n" + (configured ? Slave() : "") + (recorded ? $"digest {Digest()}\n" : ""), ""));
        replica.OnCommand("gzip -dc | mysql", (_, _) =>
        {
            configured = true;
            return new CommandResult(0, "", "");
        });
        replica.OnCommand("cat > /var/lib/foobar-provision/mysql/replication.sha256", (_, _) =>
        {
            recorded = true;
            return new CommandResult(0, "", "");
        });
        return replica;
    }

    /// <summary>The digest db2's marker holds for <see cref="ReplPassword"/>.</summary>
    public static string Digest() => Harness(new FakeHost("db2")).Build().Resources.OfType<MysqlReplicaResource>().Single().Digest;

    public static string Slave(string io = "Yes", string sql = "Yes", string host = "10.0.0.11", int ioErrno = 0, string ioError = "", int sqlErrno = 0, string sqlError = "") =>
        $"slave Master_Host {host}\nslave Master_User repl\nslave Master_Port 3306\nslave Slave_IO_Running {io}\nslave Slave_SQL_Running {sql}\n" +
        $"slave Seconds_Behind_Master {(io == "Yes" && sql == "Yes" ? "0" : "NULL")}\nslave Last_IO_Errno {ioErrno}\nslave Last_IO_Error {ioError}\n" +
        $"slave Last_SQL_Errno {sqlErrno}\nslave Last_SQL_Error {sqlError}\nslave Using_Gtid Slave_Pos\nslave Gtid_IO_Pos {Gtid}\n";

    /// <summary>What the dump script prints: the dump gzip-compressed, in base64.</summary>
    public static string DumpOutput(string dump)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(dump));
        }

        return Convert.ToBase64String(output.ToArray(), Base64FormattingOptions.InsertLineBreaks) + "\n";
    }

    /// <summary>The standard input of a command, decompressed (the seed's load gets it gzip-compressed).</summary>
    public static string Gunzip(RemoteCommand command)
    {
        using var input = new MemoryStream(command.StandardInput!.Value.ToArray());
        using var gzip = new GZipStream(input, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
