using FooBar.Provision.Resources;
using FooBar.Provision.Roles.Mysql;
using FooBar.Provision.Testing;
using static FooBar.Provision.Tests.Roles.Mysql.MysqlReplicationFixture;

namespace FooBar.Provision.Tests.Roles.Mysql;

public sealed class MysqlReplicaResourceTests
{
    private const string Server = "server 167772172 1 1\ngtid_slave_pos 0-1-5\ngtid_binlog_pos \n";

    private static MysqlReplicaResource Replica() =>
        Harness(new FakeHost("db2")).Build().Resources.OfType<MysqlReplicaResource>().Single();

    private static ResourceChange? Compare(string probe) => Replica().Compare(MysqlFixture.Probe(probe), MysqlFixture.Plan);

    private static string Recorded => $"digest {Digest()}\n";

    [Fact]
    public void A_replica_that_replicates_from_its_primary_needs_nothing()
    {
        Assert.Null(Compare(Server + Slave() + Recorded));
    }

    [Fact]
    public async Task A_changed_replication_password_is_given_to_the_replica_on_stdin_and_recorded()
    {
        var change = Compare(Server + Slave() + "digest 0000\n")!;
        var sent = await MysqlFixture.ApplyAsync(change);

        Assert.Equal("set the replication password of repl@db1 (10.0.0.11:3306) (mysql_replication_password changed)", change.Summary);
        Assert.Equal(2, sent.Count);
        Assert.All(sent, c => Assert.DoesNotContain("R3pl", c.Script, StringComparison.Ordinal));
        Assert.Contains("MASTER_PASSWORD = 'R3pl-s3cret\\'\"$x'", sent[0].Stdin(), StringComparison.Ordinal);
        Assert.Contains("cat > /var/lib/foobar-provision/mysql/replication.sha256", sent[1].Script, StringComparison.Ordinal);
        Assert.Equal(Digest() + "\n", sent[1].Stdin());
        Assert.DoesNotContain(Digest(), sent[1].Script, StringComparison.Ordinal);
    }

    [Fact]
    public void The_digest_depends_on_the_password_and_is_not_the_passwords_plain_sha256()
    {
        var other = Harness(new FakeHost("db2")).WithSecret("mysql_replication_password", "another").Build().Resources.OfType<MysqlReplicaResource>().Single().Digest;
        var plain = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(ReplPassword))).ToLowerInvariant();

        Assert.NotEqual(Digest(), other);
        Assert.NotEqual(plain, Digest());
    }

    [Fact]
    public void A_replica_without_replication_is_seeded()
    {
        var change = Compare(Server)!;

        Assert.Equal(ChangeAction.Create, change.Action);
        Assert.Equal("seed from db1 (mariadb-dump through the controller) and replicate as repl@db1 (10.0.0.11:3306), GTID", change.Summary);
        Assert.Empty(change.Satisfies);
    }

    [Fact]
    public void A_server_still_running_its_old_configuration_restarts_before_the_seed_and_spares_the_handler()
    {
        var change = Compare("server 1 0 0\ngtid_slave_pos \ngtid_binlog_pos \n")!;

        Assert.EndsWith("; restart MariaDB first (its configuration changed)", change.Summary, StringComparison.Ordinal);
        Assert.Equal([MysqlRole.RestartHandler], change.Satisfies);
    }

    [Fact]
    public void A_fresh_host_without_mariadb_plans_the_seed()
    {
        Assert.StartsWith("seed from db1", Compare("absent")!.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_broken_sql_thread_fails_the_resource_with_the_error_and_how_to_seed_again()
    {
        var error = Assert.Throws<ResourceFailedException>(() => Compare(Server + Slave(sql: "No", sqlErrno: 1062, sqlError: "Duplicate entry '1' for key 'PRIMARY'")));

        Assert.Contains("replication from db1 is broken: the replica stopped applying on error 1062: Duplicate entry", error.Message, StringComparison.Ordinal);
        Assert.Contains("STOP SLAVE; RESET SLAVE ALL;", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void A_primary_that_cannot_be_reached_fails_the_resource()
    {
        var error = Assert.Throws<ResourceFailedException>(() => Compare(Server + Slave(io: "Connecting", ioErrno: 2003, ioError: "error connecting to master") + Recorded));

        Assert.Contains("cannot read the primary's binary log (error 2003", error.Message, StringComparison.Ordinal);
        Assert.Contains("10.0.0.11:3306", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_password_is_set_again_on_stdin()
    {
        var change = Compare(Server + Slave(io: "Connecting", ioErrno: 1045, ioError: "Access denied for user 'repl'@'10.0.0.12'"))!;
        var sent = await MysqlFixture.ApplyAsync(change);

        Assert.Equal("set the replication password of repl@db1 (10.0.0.11:3306) (the primary refused it)", change.Summary);
        var command = sent[0];
        Assert.DoesNotContain("R3pl", command.Script, StringComparison.Ordinal);
        Assert.StartsWith("STOP SLAVE;\nCHANGE MASTER TO MASTER_HOST = '10.0.0.11'", command.Stdin(), StringComparison.Ordinal);
        Assert.Contains("MASTER_PASSWORD = 'R3pl-s3cret\\'\"$x'", command.Stdin(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_stopped_replica_is_started()
    {
        var change = Compare(Server + Slave(io: "No", sql: "No") + Recorded)!;

        Assert.Equal("start replication from db1 (stopped: I/O No, SQL No)", change.Summary);
    }

    [Fact]
    public void A_replica_of_another_primary_is_pointed_at_this_one_without_a_new_seed()
    {
        var change = Compare(Server + Slave(host: "10.0.0.99"))!;

        Assert.Equal(ChangeAction.Update, change.Action);
        Assert.Equal("replicate as repl@db1 (10.0.0.11:3306) (was Master_Host 10.0.0.99)", change.Summary);
    }

    [Fact]
    public void The_probe_only_reads()
    {
        var probe = MysqlReplicaStatus.Probe.Text;

        Assert.Contains("SHOW SLAVE STATUS", probe, StringComparison.Ordinal);
        Assert.DoesNotContain("START", probe, StringComparison.Ordinal);
        Assert.DoesNotContain("CHANGE", probe, StringComparison.Ordinal);
    }
}
