using FooBar.Provision.Resources;
using FooBar.Provision.Roles.Mysql;
using static FooBar.Provision.Tests.Roles.Mysql.MysqlFixture;

namespace FooBar.Provision.Tests.Roles.Mysql;

public sealed class MysqlUserResourceTests
{
    // MariaDB: SELECT PASSWORD('password') = '*2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19'.
    private const string KnownHash = "*2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19";

    private static MysqlUserResource User(string password = "password", string? database = "foobar", string privileges = "ALL") =>
        new("foobar", "localhost", Secret(password), database, privileges);

    [Fact]
    public async Task An_absent_user_is_created_with_the_password_on_stdin_only()
    {
        var change = User(Password).Compare(Probe("absent\n"), Plan);

        Assert.NotNull(change);
        Assert.Equal(ChangeAction.Create, change.Action);
        Assert.Equal("create user foobar@localhost with ALL PRIVILEGES on foobar.*", change.Summary);
        var command = Assert.Single(await ApplyAsync(change));
        Assert.DoesNotContain(Password, command.Script, StringComparison.Ordinal);
        Assert.Contains($"CREATE USER IF NOT EXISTS 'foobar'@'localhost' IDENTIFIED BY '{Password}';", command.Stdin(), StringComparison.Ordinal);
        Assert.Contains("GRANT ALL PRIVILEGES ON `foobar`.* TO 'foobar'@'localhost';", command.Stdin(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_user_in_state_needs_no_change()
    {
        var probe = Probe($"password {ProbedDigest(KnownHash)}\ngrant `foobar`.*\tALL PRIVILEGES\t-\n");

        Assert.Null(User().Compare(probe, Plan));
    }

    [Fact]
    public async Task A_changed_password_is_rotated_without_showing_it()
    {
        var probe = Probe($"password {ProbedDigest(KnownHash)}\ngrant `foobar`.*\tALL PRIVILEGES\t-\n");

        var change = User("new-Passw0rd").Compare(probe, Plan);

        Assert.NotNull(change);
        Assert.Equal("rotate password of foobar@localhost", change.Summary);
        Assert.Null(change.Diff);
        var command = Assert.Single(await ApplyAsync(change));
        Assert.DoesNotContain("new-Passw0rd", command.Script, StringComparison.Ordinal);
        Assert.Equal("ALTER USER 'foobar'@'localhost' IDENTIFIED BY 'new-Passw0rd';\n", command.Stdin());
    }

    [Fact]
    public async Task Different_privileges_are_revoked_and_granted_again()
    {
        var probe = Probe($"password {ProbedDigest(KnownHash)}\ngrant `foobar`.*\tSELECT, SHOW VIEW\t-\n");

        var change = User(privileges: "select").Compare(probe, Plan);

        Assert.NotNull(change);
        Assert.Equal("grant SELECT on foobar.* to foobar@localhost (was SELECT, SHOW VIEW)", change.Summary);
        var sql = Assert.Single(await ApplyAsync(change)).Stdin();
        Assert.Equal("REVOKE ALL PRIVILEGES ON `foobar`.* FROM 'foobar'@'localhost';\nGRANT SELECT ON `foobar`.* TO 'foobar'@'localhost';\n", sql);
    }

    /// <summary>MariaDB refuses <c>REVOKE ALL PRIVILEGES, GRANT OPTION ON …</c> (a syntax error with ON): the option goes first, alone.</summary>
    [Theory]
    [InlineData("ALL PRIVILEGES", "REVOKE GRANT OPTION ON `foobar`.* FROM 'foobar'@'localhost';\nREVOKE ALL PRIVILEGES ON `foobar`.* FROM 'foobar'@'localhost';\n", "ALL PRIVILEGES")]
    [InlineData("USAGE", "REVOKE GRANT OPTION ON `foobar`.* FROM 'foobar'@'localhost';\n", "none")]
    public async Task A_grant_option_on_the_database_is_revoked_in_a_statement_of_its_own(string privileges, string revoke, string was)
    {
        var probe = Probe($"password {ProbedDigest(KnownHash)}\ngrant *.*\tUSAGE\t-\ngrant `foobar`.*\t{privileges}\tg\n");

        var change = User().Compare(probe, Plan);

        Assert.NotNull(change);
        Assert.Equal($"grant ALL PRIVILEGES on foobar.* to foobar@localhost (was {was} WITH GRANT OPTION)", change.Summary);
        Assert.Equal(revoke + "GRANT ALL PRIVILEGES ON `foobar`.* TO 'foobar'@'localhost';\n", Assert.Single(await ApplyAsync(change)).Stdin());
    }

    [Fact]
    public void The_probe_reads_a_digest_of_the_hash_and_every_grant_cut_before_the_account()
    {
        var probe = new MysqlUserResource("app_ro", "127.0.0.1", Secret(), "foo_bar").ProbeScript;

        Assert.Contains("SHA2(Password, 256)", probe.Text, StringComparison.Ordinal);
        Assert.Contains("User = '\\''app_ro'\\'' AND Host = '\\''127.0.0.1'\\''", probe.Text, StringComparison.Ordinal);
        Assert.Contains("SHOW GRANTS FOR '\\''app_ro'\\''@'\\''127.0.0.1'\\''", probe.Text, StringComparison.Ordinal);
        Assert.Contains("s/^GRANT \\(.*\\) ON \\(.*\\) TO .*/grant \\2\\t\\1\\t-/p", probe.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, probe.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_grant_on_another_database_is_revoked_and_the_plan_says_so()
    {
        var probe = Probe($"password {ProbedDigest(KnownHash)}\ngrant *.*\tUSAGE\t-\ngrant `foobar`.*\tALL PRIVILEGES\t-\ngrant `mysql`.*\tSELECT\t-\n");

        var change = User().Compare(probe, Plan);

        Assert.NotNull(change);
        Assert.Equal("revoke SELECT on `mysql`.* from foobar@localhost", change.Summary);
        Assert.Equal("REVOKE ALL PRIVILEGES ON `mysql`.* FROM 'foobar'@'localhost';\n", Assert.Single(await ApplyAsync(change)).Stdin());
    }

    [Fact]
    public async Task After_a_database_rename_the_old_database_grants_go_and_the_new_ones_come()
    {
        var probe = Probe($"password {ProbedDigest(KnownHash)}\ngrant `old\\_db`.*\tALL PRIVILEGES\t-\n");

        var change = User(database: "new_db").Compare(probe, Plan);

        Assert.NotNull(change);
        var sql = Assert.Single(await ApplyAsync(change)).Stdin();
        Assert.Contains("GRANT ALL PRIVILEGES ON `new\\_db`.* TO 'foobar'@'localhost';\n", sql, StringComparison.Ordinal);
        Assert.Contains("REVOKE ALL PRIVILEGES ON `old\\_db`.* FROM 'foobar'@'localhost';\n", sql, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Global_privileges_and_grant_options_are_revoked_too()
    {
        var probe = Probe($"password {ProbedDigest(KnownHash)}\ngrant *.*\tRELOAD, PROCESS\tg\ngrant `foobar`.*\tALL PRIVILEGES\t-\n");

        var change = User().Compare(probe, Plan);

        Assert.NotNull(change);
        Assert.Equal("REVOKE GRANT OPTION ON *.* FROM 'foobar'@'localhost';\nREVOKE ALL PRIVILEGES ON *.* FROM 'foobar'@'localhost';\n", Assert.Single(await ApplyAsync(change)).Stdin());
    }

    [Fact]
    public void A_grant_line_whose_target_is_not_one_mariadb_prints_is_refused()
    {
        var probe = Probe($"password {ProbedDigest(KnownHash)}\ngrant `x`.*; DROP DATABASE foobar; --\tSELECT\t-\n");

        Assert.Throws<ResourceFailedException>(() => User().Compare(probe, Plan));
    }

    [Fact]
    public void An_absent_account_is_dropped_and_a_gone_one_is_left_alone()
    {
        var resource = new MysqlAbsentUserResource("report", "127.0.0.1");

        Assert.Equal("drop user report@127.0.0.1", resource.Compare(Probe("present\n"), Plan)?.Summary);
        Assert.Null(resource.Compare(Probe("gone\n"), Plan));
        Assert.Null(resource.Compare(Probe("absent\n"), Plan));
    }

    [Fact]
    public async Task Quotes_and_backslashes_in_a_password_are_escaped_in_the_sql()
    {
        var change = User("it's\\x").Compare(Probe("absent"), Plan);

        Assert.NotNull(change);
        Assert.Contains("IDENTIFIED BY 'it\\'s\\\\x';", Assert.Single(await ApplyAsync(change)).Stdin(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_user_without_a_database_gets_no_grant()
    {
        Assert.Null(User(database: null).Compare(Probe($"password {ProbedDigest(KnownHash)}"), Plan));
        Assert.Equal("create user foobar@localhost", User(database: null).Compare(Probe("unreachable ERROR 2002"), Plan)?.Summary);
    }

    [Fact]
    public void Root_refused_over_the_socket_fails_the_resource_with_a_hint()
    {
        var error = Assert.Throws<ResourceFailedException>(() =>
            User().Compare(Probe("unreachable ERROR 1045 (28000): Access denied for user 'root'@'localhost' (using password: NO)"), Plan));

        Assert.Contains("refuses root", error.Message, StringComparison.Ordinal);
        Assert.Contains("/root/.my.cnf", error.Hint, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("foo bar", "localhost", "foobar")]
    [InlineData("foobar", "local'host", "foobar")]
    [InlineData("foobar", "localhost", "foo`bar")]
    public void Unsafe_names_are_refused(string user, string host, string database) =>
        Assert.Throws<ProvisionException>(() => new MysqlUserResource(user, host, Secret(), database));

    [Fact]
    public void Privileges_must_be_names()
    {
        var error = Assert.Throws<ProvisionException>(() => User(privileges: "ALL; DROP DATABASE x"));

        Assert.Contains("privileges", error.Message, StringComparison.Ordinal);
    }
}
