using FooBar.Provision.Resources;
using FooBar.Provision.Roles.Mysql;
using static FooBar.Provision.Tests.Roles.Mysql.MysqlFixture;

namespace FooBar.Provision.Tests.Roles.Mysql;

public sealed class MysqlSecureResourceTests
{
    private const string Secure = "anonymous 0\nremote_root 0\ntest_database 0\ntest_grants 0\nroot_password 0\n";

    [Fact]
    public void A_secured_installation_needs_no_change() =>
        Assert.Null(new MysqlSecureResource().Compare(Probe(Secure), Plan));

    [Fact]
    public async Task Anonymous_users_and_remote_root_are_dropped_by_generated_drop_user_statements()
    {
        var probe = Probe(Secure.Replace("anonymous 0", "anonymous 2", StringComparison.Ordinal).Replace("remote_root 0", "remote_root 1", StringComparison.Ordinal));

        var change = new MysqlSecureResource().Compare(probe, Plan);

        Assert.NotNull(change);
        Assert.Equal("remove anonymous users, remove remote root", change.Summary);
        var command = Assert.Single(await ApplyAsync(change));
        Assert.StartsWith("mysql -N -B -e 'SELECT CONCAT('\\''DROP USER '\\''", command.Script, StringComparison.Ordinal);
        Assert.Equal("FLUSH PRIVILEGES;\n", command.Stdin());
    }

    [Fact]
    public async Task The_test_database_and_a_root_password_are_removed()
    {
        var probe = Probe(Secure.Replace("test_database 0", "test_database 1", StringComparison.Ordinal).Replace("root_password 0", "root_password 1", StringComparison.Ordinal));

        var change = new MysqlSecureResource().Compare(probe, Plan);

        Assert.NotNull(change);
        Assert.Equal("drop database test, allow root only through the unix socket", change.Summary);
        var command = Assert.Single(await ApplyAsync(change));
        Assert.Equal("mysql -N -B", command.Script);
        Assert.Contains("DROP DATABASE IF EXISTS test;", command.Stdin(), StringComparison.Ordinal);
        Assert.Contains("IDENTIFIED VIA mysql_native_password USING 'invalid' OR unix_socket;", command.Stdin(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_managed_test_database_is_kept()
    {
        var probe = Probe(Secure.Replace("test_database 0", "test_database 1", StringComparison.Ordinal));

        Assert.Null(new MysqlSecureResource(keepTestDatabase: true).Compare(probe, Plan));
    }

    [Theory]
    [InlineData("absent")]
    [InlineData("unreachable ERROR 2002 (HY000): Can't connect to local server through socket")]
    public void Before_mariadb_runs_the_plan_shows_the_whole_check(string output)
    {
        var change = new MysqlSecureResource().Compare(Probe(output), Plan);

        Assert.NotNull(change);
        Assert.EndsWith("(if needed: MariaDB is not running yet)", change.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_server_the_plan_installs_is_secure_from_the_start()
    {
        var plan = new PlanContext(FooBar.Provision.Facts.HostFacts.Debian12);
        plan.AddPendingPackages(["mariadb-server"]);

        Assert.Null(new MysqlSecureResource().Compare(Probe("absent"), plan));
    }
}
