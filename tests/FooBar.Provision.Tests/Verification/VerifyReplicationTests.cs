using System.CommandLine;
using System.Net;
using System.Text.Json;
using FooBar.Provision.Cli;
using FooBar.Provision.Cli.Commands;
using FooBar.Provision.Inventory;
using FooBar.Provision.Roles;
using FooBar.Provision.Testing;
using FooBar.Provision.Tests.Cli;
using FooBar.Provision.Tests.Inventory;
using FooBar.Provision.Transport;

namespace FooBar.Provision.Tests.Verification;

public sealed class VerifyReplicationTests : IDisposable
{
    private const string Running = "server 2 1 1\ngtid_slave_pos 0-1-42\ngtid_binlog_pos 0-1-42\n" +
        "slave Master_Host 10.99.15.2\nslave Master_Port 3306\nslave Master_User repl\nslave Slave_IO_Running Yes\nslave Slave_SQL_Running Yes\n" +
        "slave Seconds_Behind_Master 0\nslave Last_IO_Errno 0\nslave Last_IO_Error \nslave Last_SQL_Errno 0\nslave Last_SQL_Error \nslave Using_Gtid Slave_Pos\n";

    private readonly TempDirectory _directory = new();
    private readonly FakeHost _db1 = new("db1");
    private readonly FakeHost _db2 = new("db2");

    public VerifyReplicationTests()
    {
        _db1.OnCommand("SELECT @@gtid_binlog_pos", (_, _) => new CommandResult(0, "0-1-42\n", ""));
        _db2.OnCommand("MASTER_GTID_WAIT", (_, _) => new CommandResult(0, "1834 0\t0-1-42\n", ""));
    }

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task A_replicating_replica_passes_with_its_threads_its_lag_and_the_measured_catch_up()
    {
        _db2.OnCommand("SHOW SLAVE STATUS", (_, _) => new CommandResult(0, Running, ""));

        var result = await RunAsync("verify", Inventory());

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("db2  replication from db1  passed  replicates from db1 (10.99.15.2): I/O Yes, SQL Yes, Seconds_Behind_Master 0; reached db1's GTID 0-1-42 in 0.002 s", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("db2  replication passed  ", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("; 1 replica(s), 1 replicating; all passed", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(_db1.Sent.Concat(_db2.Sent), s => !s.IsReadOnly);
    }

    [Fact]
    public async Task The_json_document_carries_the_replica_check()
    {
        _db2.OnCommand("SHOW SLAVE STATUS", (_, _) => new CommandResult(0, Running, ""));

        var result = await RunAsync("verify", Inventory(), "--output", "json");

        using var document = JsonDocument.Parse(result.Stdout);
        var check = Assert.Single(document.RootElement.GetProperty("replication").EnumerateArray());
        Assert.Equal(("db2", "db1", "passed"), (check.GetProperty("host").GetString(), check.GetProperty("primary").GetString(), check.GetProperty("status").GetString()));
        Assert.Equal(("Yes", "Yes", 0L), (check.GetProperty("ioRunning").GetString(), check.GetProperty("sqlRunning").GetString(), check.GetProperty("secondsBehindMaster").GetInt64()));
        Assert.Equal(0.001834, check.GetProperty("catchUpSeconds").GetDouble());
        Assert.Equal("0-1-42", check.GetProperty("primaryGtid").GetString());
        Assert.Equal(1, document.RootElement.GetProperty("totals").GetProperty("replicas").GetInt32());
    }

    [Fact]
    public async Task A_replica_whose_sql_thread_stopped_fails_verify_with_the_error()
    {
        var broken = Running.Replace("Slave_SQL_Running Yes", "Slave_SQL_Running No", StringComparison.Ordinal)
            .Replace("Last_SQL_Errno 0", "Last_SQL_Errno 1062", StringComparison.Ordinal)
            .Replace("Last_SQL_Error \n", "Last_SQL_Error Duplicate entry '3' for key 'PRIMARY'\n", StringComparison.Ordinal)
            .Replace("Seconds_Behind_Master 0", "Seconds_Behind_Master NULL", StringComparison.Ordinal);
        _db2.OnCommand("SHOW SLAVE STATUS", (_, _) => new CommandResult(0, broken, ""));

        var result = await RunAsync("verify", Inventory());

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("db2  replication from db1  failed  replication from db1 is broken: I/O Yes, SQL No, Seconds_Behind_Master NULL; SQL error 1062: Duplicate entry '3' for key 'PRIMARY'", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("1 failed (exit 1)", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(_db2.Sent, s => s.Text.Contains("MASTER_GTID_WAIT", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_replica_that_does_not_reach_the_primarys_position_in_time_fails()
    {
        _db2.OnCommand("SHOW SLAVE STATUS", (_, _) => new CommandResult(0, Running, ""));
        _db2.OnCommand("MASTER_GTID_WAIT", (_, _) => new CommandResult(0, "3000121 -1\t0-1-40\n", ""));

        var result = await RunAsync("verify", Inventory(), "--timeout", "3");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("replication from db1 runs but lags: I/O Yes, SQL Yes, Seconds_Behind_Master 0; it did not reach db1's GTID 0-1-42 within 3 s", result.Stdout, StringComparison.Ordinal);
    }

    private string Inventory()
    {
        var password = _directory.Write("repl_password", "Repl-secret\n");
        var db = _directory.Write("db_password", "Db-secret\n");
        return _directory.Write("ha.yaml", $$"""
            vars:
              db_password: { file: {{db}} }
              mysql_replication_password: { file: {{password}} }
            groups:
              db:
                hosts: [db1, db2]
                roles: [mysql]
                vars: { mysql_primary: db1, mysql_bind_address: 0.0.0.0, mysql_schema_file: "" }
            hosts:
              db1: { address: 10.99.15.2 }
              db2: { address: 10.99.16.2 }
            """);
    }

    private async Task<CliResult> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var services = new CliServices(() => new Hosts(_db1, _db2), _ => null, BuiltInRoles.Catalog, () => false);
        var context = new CliContext(stdout, stderr, services);
        var root = new RootCommand { VerifyCommand.Create(context, (_, _) => new FakeDnsResolver(), (_, _) => FakeHttpHandler.Answering(HttpStatusCode.OK, "")) };
        var exitCode = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr });
        return new CliResult(exitCode, stdout.ToString(), stderr.ToString());
    }

    private sealed class Hosts(params FakeHost[] hosts) : IConnectionFactory
    {
        public IHostConnection Open(HostEntry host) => hosts.Single(h => h.HostName == host.Name);
    }
}
