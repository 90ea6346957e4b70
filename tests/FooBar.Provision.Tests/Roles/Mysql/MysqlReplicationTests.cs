using FooBar.Provision.Inventory;
using FooBar.Provision.Resources;
using FooBar.Provision.Roles.Mysql;
using FooBar.Provision.Testing;
using FooBar.Provision.Transport;
using static FooBar.Provision.Tests.Roles.Mysql.MysqlReplicationFixture;

namespace FooBar.Provision.Tests.Roles.Mysql;

public sealed class MysqlReplicationTests
{
    private const string Config = "/etc/mysql/mariadb.conf.d/60-provision.cnf";

    [Fact]
    public void Without_mysql_primary_the_configuration_has_no_replication_settings()
    {
        var text = MysqlFixture.Build().File(Config).Text();

        Assert.DoesNotContain("server_id", text, StringComparison.Ordinal);
        Assert.DoesNotContain("log_bin", text, StringComparison.Ordinal);
        Assert.Contains("local-infile            = 0\n\n[client]\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_primary_writes_a_gtid_binary_log_with_its_derived_server_id_and_stays_writable()
    {
        var text = Harness(new FakeHost("db1")).Build().File(Config).Text();

        Assert.Contains("server_id               = 167772171\n", text, StringComparison.Ordinal);
        Assert.Contains("log_bin                 = mysql-bin\n", text, StringComparison.Ordinal);
        Assert.Contains("binlog_format           = ROW\n", text, StringComparison.Ordinal);
        Assert.Contains("gtid_strict_mode        = ON\n", text, StringComparison.Ordinal);
        Assert.Contains("log_slave_updates       = ON\n", text, StringComparison.Ordinal);
        Assert.Contains("bind-address            = 0.0.0.0\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("read_only", text, StringComparison.Ordinal);
        Assert.Contains("local-infile            = 0\n\n# Replication (mysql_primary): this host is a primary.", text, StringComparison.Ordinal);
        Assert.Contains("relay_log               = mysql-relay-bin\n\n[client]\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_replica_is_read_only_with_its_own_server_id()
    {
        var text = Harness(new FakeHost("db2")).Build().File(Config).Text();

        Assert.Contains("server_id               = 167772172\n", text, StringComparison.Ordinal);
        Assert.Contains("relay_log               = mysql-relay-bin\nread_only               = ON\n\n[client]\n", text, StringComparison.Ordinal);
        Assert.Contains("gtid_strict_mode        = ON\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_primary_grants_replication_slave_to_each_replica_address_only()
    {
        var inventory = Pair(Db("db3", "10.0.0.13"));

        var users = Harness(new FakeHost("db1"), inventory).Build().Resources.OfType<MysqlUserResource>().Skip(2).ToArray();

        Assert.Equal(["repl@10.0.0.12", "repl@10.0.0.13"], users.Select(u => u.Name));
        Assert.All(users, u => Assert.Equal(["REPLICATION SLAVE"], u.Privileges));
    }

    [Fact]
    public void A_replica_gets_databases_accounts_and_schema_from_the_primary_not_from_the_role()
    {
        var ids = Harness(new FakeHost("db2")).Build().Ids();

        Assert.Equal(["packages[mariadb-server,mariadb-client]", $"file[{Config}]", "service[mariadb]", "mysql-replica[db1]"], ids);
    }

    [Theory]
    [InlineData("10.99.15.2", 174264066L)]
    [InlineData("192.0.2.31", 3221226015L)]
    [InlineData("255.255.255.255", 4294967295L)]
    public void The_server_id_is_the_ipv4_address_as_a_32_bit_number(string address, long expected)
    {
        Assert.Equal(expected, MysqlTopology.DeriveServerId(new HostEntry("db", address)));
    }

    [Fact]
    public void A_host_named_by_a_dns_name_gets_a_stable_nonzero_id_from_its_inventory_name()
    {
        var first = MysqlTopology.DeriveServerId(new HostEntry("db1", "db1.example.com"));

        Assert.Equal(first, MysqlTopology.DeriveServerId(new HostEntry("db1", "db-other.example.com")));
        Assert.NotEqual(first, MysqlTopology.DeriveServerId(new HostEntry("db2", "db1.example.com")));
        Assert.InRange(first, 1, uint.MaxValue);
    }

    [Fact]
    public void Mysql_server_id_overrides_the_derived_one()
    {
        var text = Harness(new FakeHost("db2")).WithVariable("mysql_server_id", 7).Build().File(Config).Text();

        Assert.Contains("server_id               = 7\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_hosts_of_one_set_with_the_same_server_id_are_refused_before_any_connection()
    {
        var inventory = new InventoryView([Db("db1", "10.0.0.11", ("mysql_server_id", 5L)), Db("db2", "10.0.0.12", ("mysql_server_id", "5"))]);
        var harness = Harness(new FakeHost("db2"), inventory).WithVariable("mysql_server_id", 5);

        var error = await Assert.ThrowsAsync<InventoryException>(() => harness.PlanAsync());

        Assert.Contains("would be 5 on both db2 and db1", error.Message, StringComparison.Ordinal);
        Assert.Empty(harness.Host.Sent);
    }

    [Fact]
    public void A_derived_id_that_collides_with_a_peers_override_is_refused()
    {
        var inventory = new InventoryView([Db("db1", "10.0.0.11", ("mysql_server_id", "167772172")), Db("db2", "10.0.0.12")]);

        var error = Assert.Throws<InventoryException>(() => Harness(new FakeHost("db2"), inventory).Build());

        Assert.Contains("mysql_server_id", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_primary_that_is_not_in_the_inventory_is_refused()
    {
        var inventory = new InventoryView([Db("db2", "10.0.0.12", ("mysql_primary", "db9"))]);

        var error = Assert.Throws<InventoryException>(() => Harness(new FakeHost("db2"), inventory).WithVariable("mysql_primary", "db9").Build());

        Assert.Contains("names 'db9', which is not a host of the inventory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_primary_listening_on_the_loopback_only_is_refused()
    {
        var error = Assert.Throws<InventoryException>(() => Harness(new FakeHost("db1")).WithVariable("mysql_bind_address", "127.0.0.1").Build());

        Assert.Contains("its replicas (db2) cannot reach it", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Replication_without_its_password_is_refused()
    {
        var harness = new RoleHarness(new FakeHost("db2"), new MysqlRole()).WithInventory(Pair()).WithSecret("db_password", MysqlFixture.Password).WithVariable("mysql_schema_file", "");

        var error = Assert.Throws<InventoryException>(() => harness.Build());

        Assert.Contains("mysql_replication_password", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fresh_replica_is_seeded_from_the_primary_then_a_second_apply_changes_nothing()
    {
        // Table data may mention the statement (MariaDB's help tables do): only the dump's own line counts.
        var primary = Primary("INSERT INTO help_topic VALUES ('SET GLOBAL gtid_slave_pos=\\'0-1-153\\';\\nSTART SLAVE;');\nCREATE TABLE t (id INT);\n");
        var harness = Harness(Replica()).WithPeer(primary);

        var run = await harness.ConvergeAsync();

        run.Plan.AssertChanged("packages[mariadb-server,mariadb-client]", $"file[{Config}]", "service[mariadb]", "mysql-replica[db1]");
        Assert.Equal(["readiness", "dump"], primary.Sent.Select(s => s.Text.Contains("mariadb-dump", StringComparison.Ordinal) ? "dump" : "readiness"));
        var load = Assert.Single(harness.Host.Sent, s => s.Command?.Script.Contains("gzip -dc | mysql", StringComparison.Ordinal) == true).Command!;
        var sql = Gunzip(load);
        Assert.StartsWith("STOP SLAVE;\nRESET SLAVE ALL;\nRESET MASTER;\nSET SESSION sql_log_bin = 0;\n-- MariaDB dump\n", sql, StringComparison.Ordinal);
        Assert.Contains("CREATE TABLE t (id INT);\nSET GLOBAL gtid_slave_pos='0-167772171-42';\n-- Dump completed", sql, StringComparison.Ordinal);
        Assert.EndsWith(
            $"FLUSH PRIVILEGES;\nSET GLOBAL gtid_slave_pos = '{Gtid}';\n" +
            "CHANGE MASTER TO MASTER_HOST = '10.0.0.11', MASTER_PORT = 3306, MASTER_USER = 'repl', MASTER_PASSWORD = 'R3pl-s3cret\\'\"$x', MASTER_USE_GTID = slave_pos, MASTER_CONNECT_RETRY = 10;\nSTART SLAVE;\n",
            sql,
            StringComparison.Ordinal);
        Assert.Contains($"seeded 0.0 MiB from db1 at GTID {Gtid}", run.FirstApply.Resource("mysql-replica[db1]").Summary, StringComparison.Ordinal);
        run.FirstApply.AssertNotSent(ReplPassword);
        Assert.DoesNotContain(primary.Sent, s => s.Text.Contains(ReplPassword, StringComparison.Ordinal));
        Assert.DoesNotContain(ReplPassword, run.FirstApply.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_replication_account_is_created_with_its_password_on_stdin_only()
    {
        var account = Harness(new FakeHost("db1")).Build().Resources.OfType<MysqlUserResource>().Single(u => u.User == "repl");

        var change = account.Compare(MysqlFixture.Probe("absent"), MysqlFixture.Plan)!;
        var sent = await MysqlFixture.ApplyAsync(change);

        Assert.Equal("create user repl@10.0.0.12 with REPLICATION SLAVE on *.*", change.Summary);
        var command = Assert.Single(sent);
        Assert.DoesNotContain("R3pl", command.Script, StringComparison.Ordinal);
        Assert.Contains("IDENTIFIED BY 'R3pl-s3cret\\'\"$x'", command.Stdin(), StringComparison.Ordinal);
        Assert.Contains("GRANT REPLICATION SLAVE ON *.* TO 'repl'@'10.0.0.12';", command.Stdin(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_converged_replication_account_needs_nothing()
    {
        var account = Harness(new FakeHost("db1")).Build().Resources.OfType<MysqlUserResource>().Single(u => u.User == "repl");
        var digest = MysqlFixture.ProbedDigest(MysqlSql.NativePasswordHash(ReplPassword));

        var change = account.Compare(MysqlFixture.Probe($"password {digest}\ngrant *.*\tREPLICATION SLAVE\t-\n"), MysqlFixture.Plan);

        Assert.Null(change);
    }

    [Fact]
    public async Task A_seed_waits_for_the_primary_and_fails_with_what_to_do_when_it_stays_unready()
    {
        var primary = new FakeHost("db1");
        primary.OnCommand("@@log_bin + 0, (SELECT", (_, _) => new CommandResult(0, "ready 0 1\n", ""));
        var harness = Harness(Replica()).WithPeer(primary);

        var apply = await harness.ApplyAsync();

        apply.AssertFailed("db1 is not ready to be replicated from after 0 s: its binary log is off");
        Assert.DoesNotContain(primary.Sent, s => s.Text.Contains("mariadb-dump", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_incomplete_dump_is_never_loaded()
    {
        var primary = new FakeHost("db1");
        primary.OnCommand("@@log_bin + 0, (SELECT", (_, _) => new CommandResult(0, "ready 1 1\n", ""));
        primary.OnCommand("mariadb-dump", (_, _) => new CommandResult(0, DumpOutput("SET GLOBAL gtid_slave_pos='0-1-1';\nINSERT INTO t VALUES (1"), "mariadb-dump: Error 2013: Lost connection"));
        var harness = Harness(Replica()).WithPeer(primary);

        var apply = await harness.ApplyAsync();

        apply.AssertFailed("the dump of db1 is incomplete: mariadb-dump: Error 2013: Lost connection");
        Assert.DoesNotContain(harness.Host.Sent, s => s.Text.Contains("gzip -dc | mysql", StringComparison.Ordinal));
    }
}
