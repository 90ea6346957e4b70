using System.Net;

namespace FooBar.Provision.EndToEndTests;

/// <summary>Gaps of the roles found on real servers, each closed and proven on lab24.</summary>
[Collection(GunicornRolesCollection.Name)]
public sealed class RoleGapsTests(GunicornRolesFixture stack)
{
    private const int Host = GunicornRolesFixture.Host;

    [Fact]
    public void An_existing_system_user_that_drifted_is_updated()
    {
        // The shell: usermod refuses a new home while the user runs processes (gunicorn), for us as for anyone.
        Lab.Ssh(Host, "usermod --shell /bin/bash foobar");

        var plan = Provision.Json("plan", stack.Inventory);
        var apply = Provision.Json("apply", stack.Inventory);

        Assert.True(plan.Exit == 2, plan.Raw);
        Assert.Equal(["user[foobar]"], Provision.Ids(plan.Report, "pending"));
        Assert.True(apply.Exit == 0, apply.Raw);
        Assert.Equal("/srv/foobar:/usr/sbin/nologin", Lab.Ssh(Host, "getent passwd foobar | cut -d: -f6,7").Trim());
        stack.Converge();
    }

    [Fact]
    public void A_grant_given_by_hand_on_another_database_is_planned_and_revoked()
    {
        Lab.Ssh(Host, "mysql -e \"GRANT SELECT ON mysql.* TO 'foobar'@'localhost'\"");

        var plan = Provision.Json("plan", stack.Inventory);
        var apply = Provision.Json("apply", stack.Inventory);

        Assert.True(plan.Exit == 2, plan.Raw);
        var pending = Assert.Single(Provision.Resources(plan.Report, "pending"));
        Assert.Equal("mysql-user[foobar@localhost]", pending.GetProperty("id").GetString());
        Assert.Contains("revoke SELECT on `mysql`.*", pending.GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.True(apply.Exit == 0, apply.Raw);
        Assert.DoesNotContain("`mysql`", Grants("foobar", "localhost"), StringComparison.Ordinal);
        stack.Converge();
    }

    [Fact]
    public async Task When_db_name_changes_the_old_database_grants_go()
    {
        var apply = Provision.Json("apply", stack.Inventory, "--var", "db_name=foobar_two");
        var grants = Grants("foobar", "localhost");

        Assert.True(apply.Exit == 0, apply.Raw);
        Assert.Contains("`foobar\\_two`.*", grants, StringComparison.Ordinal);
        Assert.DoesNotContain("`foobar`.*", grants, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, await RolesLab.StatusAsync(Host, GunicornRolesFixture.Domain, "/health"));
        stack.Converge();
        Assert.DoesNotContain("foobar\\_two", Grants("foobar", "127.0.0.1"), StringComparison.Ordinal);
    }

    [Fact]
    public void An_extra_account_in_state_absent_is_dropped()
    {
        var reportPassword = RolesLab.SecretFile("r3port-Pass");
        var present = RolesLab.Inventory(Host, stack.PasswordFile, Vars($"  mysql_users:\n    - {{ name: report, password: {{ file: {reportPassword} }}, host: 127.0.0.1, database: foobar, privileges: SELECT }}"));
        var absent = RolesLab.Inventory(Host, stack.PasswordFile, Vars("  mysql_users:\n    - { name: report, host: 127.0.0.1, state: absent }"));

        var create = Provision.Json("apply", present);
        var login = Lab.Ssh(Host, "mysql -ureport -pr3port-Pass -h127.0.0.1 -N -B -e 'SELECT 1'").Trim();
        var plan = Provision.Json("plan", absent);
        var drop = Provision.Json("apply", absent);
        var again = Provision.Json("plan", absent);

        Assert.True(create.Exit == 0, create.Raw);
        Assert.Equal("1", login);
        Assert.True(plan.Exit == 2, plan.Raw);
        Assert.Equal("drop user report@127.0.0.1", Assert.Single(Provision.Resources(plan.Report, "pending")).GetProperty("summary").GetString());
        Assert.True(drop.Exit == 0, drop.Raw);
        Assert.Equal("0", Lab.Ssh(Host, "mysql -N -B -e \"SELECT COUNT(*) FROM mysql.user WHERE User = 'report'\"").Trim());
        Assert.True(again.Exit == 0, again.Raw);
    }

    [Fact]
    public void When_root_lost_its_socket_access_the_recovery_hint_is_printed_and_following_it_recovers()
    {
        Lab.Ssh(Host, "mysql -e \"ALTER USER 'root'@'localhost' IDENTIFIED VIA mysql_native_password USING PASSWORD('R00t-Pass')\"");
        try
        {
            var text = Provision.Run("plan", stack.Inventory);
            var json = Provision.Json("plan", stack.Inventory);

            Assert.Equal(1, text.Exit);
            Assert.Contains("refuses root", text.Output + text.Error, StringComparison.Ordinal);
            Assert.Contains("/root/.my.cnf", text.Output + text.Error, StringComparison.Ordinal);
            var failed = Provision.Resources(json.Report, "failed");
            Assert.NotEmpty(failed);
            Assert.All(failed, r => Assert.Contains("/root/.my.cnf", r.GetProperty("error").GetString(), StringComparison.Ordinal));

            Lab.Ssh(Host, "umask 077; printf '[client]\\npassword=R00t-Pass\\n' > /root/.my.cnf");
            var recover = Provision.Json("apply", stack.Inventory);
            Assert.True(recover.Exit == 0, recover.Raw);
            Assert.Contains("mysql-secure[installation]", Provision.Ids(recover.Report, "changed"));
        }
        finally
        {
            Lab.Ssh(Host, "rm -f /root/.my.cnf");
        }

        var plan = Provision.Json("plan", stack.Inventory);
        Assert.True(plan.Exit == 0, plan.Raw);
    }

    [Fact]
    public async Task A_long_domain_passes_nginx_t_beside_a_second_site()
    {
        var domain = new string('l', 50) + ".foobar.com";
        Lab.Ssh(Host, "printf 'server {\\n  listen 80;\\n  server_name other.example;\\n  return 404;\\n}\\n' > /etc/nginx/sites-enabled/other.conf");
        try
        {
            var apply = Provision.Json("apply", stack.Inventory, "--var", $"domain={domain}");

            Assert.True(apply.Exit == 0, apply.Raw);
            Assert.Contains("server_names_hash_bucket_size 128;", Lab.Ssh(Host, "cat /etc/nginx/nginx.conf"), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, await RolesLab.StatusAsync(Host, domain, "/health"));
        }
        finally
        {
            Lab.Ssh(Host, "rm -f /etc/nginx/sites-enabled/other.conf");
        }

        stack.Converge();
    }

    private string Vars(string extra) => $"  domain: {GunicornRolesFixture.Domain}\n  app_source: {stack.Source}\n{extra}";

    private static string Grants(string user, string host) =>
        Lab.Ssh(Host, $"mysql -N -B -r -e \"SHOW GRANTS FOR '{user}'@'{host}'\" | cut -d' ' -f1-6");
}
