using System.Text;
using FooBar.Provision.Resources;
using FooBar.Provision.Roles.Mysql;
using FooBar.Provision.Testing;
using FooBar.Provision.Variables;
using static FooBar.Provision.Tests.Roles.Mysql.MysqlFixture;

namespace FooBar.Provision.Tests.Roles.Mysql;

public sealed class MysqlRoleTests
{
    [Fact]
    public void The_role_declares_packages_config_service_security_databases_and_users_in_order()
    {
        var builder = Build(new Dictionary<string, object?> { ["mysql_databases"] = new List<object?> { "reports" } });

        Assert.Equal(
        [
            "packages[mariadb-server,mariadb-client]",
            "file[/etc/mysql/mariadb.conf.d/60-provision.cnf]",
            "service[mariadb]",
            "mysql-secure[installation]",
            "mysql-database[foobar]",
            "mysql-database[reports]",
            "mysql-user[foobar@localhost]",
            "mysql-user[foobar@127.0.0.1]",
        ], builder.Ids());
    }

    [Fact]
    public void The_config_file_carries_the_settings_and_notifies_the_restart_handler()
    {
        var builder = Build(new Dictionary<string, object?> { ["mysql_bind_address"] = "0.0.0.0", ["db_port"] = "3307", ["mysql_max_connections"] = "300" });

        var file = builder.Resources.OfType<FileResource>().Single();
        var text = Encoding.UTF8.GetString([.. file.Content]);
        Assert.Contains("bind-address            = 0.0.0.0\n", text, StringComparison.Ordinal);
        Assert.Contains("port                    = 3307\n", text, StringComparison.Ordinal);
        Assert.Contains("character-set-server    = utf8mb4\n", text, StringComparison.Ordinal);
        Assert.Contains("max_connections         = 300\n", text, StringComparison.Ordinal);
        Assert.Equal("644", file.Mode);
        Assert.Equal(["restart mariadb"], file.Notify);
        var handler = Assert.Single(builder.Handlers);
        Assert.Equal("restart mariadb", handler.Name);
        Assert.Equal("systemctl restart mariadb", handler.Script.Text);
        Assert.Contains("--help --verbose", handler.ValidateScript?.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_application_user_gets_all_privileges_on_its_database_from_localhost_and_127_0_0_1()
    {
        var users = Build().Resources.OfType<MysqlUserResource>().ToArray();

        Assert.All(users, u => Assert.Equal(("foobar", "foobar", "ALL PRIVILEGES"), (u.User, u.Database, string.Join(", ", u.Privileges))));
        Assert.Equal(["localhost", "127.0.0.1"], users.Select(u => u.Host));
    }

    [Fact]
    public void Extra_users_default_to_localhost_and_all_privileges()
    {
        var extra = new Dictionary<string, object?> { ["name"] = "report", ["password"] = Secret("r3port"), ["database"] = "reports" };
        var ro = new Dictionary<string, object?> { ["name"] = "ro", ["password"] = Secret("r0"), ["host"] = "10.0.0.%", ["privileges"] = "select" };

        var users = Build(new Dictionary<string, object?> { ["mysql_users"] = new List<object?> { extra, ro } }).Resources.OfType<MysqlUserResource>().Skip(2).ToArray();

        Assert.Equal(("report@localhost", "reports", "ALL PRIVILEGES"), (users[0].Name, users[0].Database, users[0].Privileges[0]));
        Assert.Equal(("ro@10.0.0.%", null, "SELECT"), (users[1].Name, users[1].Database, users[1].Privileges[0]));
    }

    [Fact]
    public void An_extra_user_in_state_absent_is_dropped_and_needs_no_password()
    {
        var gone = new Dictionary<string, object?> { ["name"] = "report", ["host"] = "127.0.0.1", ["state"] = "absent" };

        var builder = Build(new Dictionary<string, object?> { ["mysql_users"] = new List<object?> { gone } });

        var absent = Assert.Single(builder.Resources.OfType<MysqlAbsentUserResource>());
        Assert.Equal("mysql-user[report@127.0.0.1]", absent.Id);
    }

    [Theory]
    [InlineData("state", "gone", "variable 'mysql_users[0].state' is 'gone'; expected one of present, absent")]
    [InlineData("name", "root", "variable 'mysql_users[0].name' is root, which the role manages itself")]
    [InlineData("name", "foobar", "variable 'mysql_users[0]' declares the account foobar@localhost a second time")]
    [InlineData("pasword", "x", "variable 'mysql_users[0].pasword' is not a key of this mapping (did you mean 'password'?)")]
    public void Bad_extra_users_are_refused_before_any_host_is_touched(string key, string value, string message)
    {
        var entry = new Dictionary<string, object?> { ["name"] = "report", ["password"] = Secret(), [key] = value };

        var error = Assert.ThrowsAny<ProvisionException>(() => Build(new Dictionary<string, object?> { ["mysql_users"] = new List<object?> { entry } }));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_schema_runs_once_with_its_sql_on_stdin_and_a_marker_named_after_its_hash()
    {
        var directory = Directory.CreateTempSubdirectory("foobar-mysql-tests-").FullName;
        Directory.CreateDirectory(Path.Combine(directory, "app"));
        File.WriteAllText(Path.Combine(directory, "app", "schema.sql"), "CREATE TABLE IF NOT EXISTS t (id INT);\n");
        var inventory = Directory.CreateDirectory(Path.Combine(directory, "inventory")).FullName;

        var builder = Build(new Dictionary<string, object?> { ["mysql_schema_file"] = "../app/schema.sql" }, inventory);

        var command = Assert.IsType<CommandResource>(builder.Resources[^1]);
        Assert.Matches(@"^/var/lib/foobar-provision/mysql/foobar-[0-9a-f]{12}\.applied$", command.Creates);
        Assert.Equal("CREATE TABLE IF NOT EXISTS t (id INT);\n", command.StandardInput);
        Assert.StartsWith("mysql -N -B --database=foobar && mkdir -p", command.Script.Text, StringComparison.Ordinal);
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public void A_missing_schema_file_is_an_error_that_says_how_to_skip_it()
    {
        var error = Assert.Throws<ProvisionException>(() => Build(new Dictionary<string, object?> { ["mysql_schema_file"] = "/nonexistent/schema.sql" }));

        Assert.Contains("\"\" for none", error.Hint, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("db_port", "0")]
    [InlineData("db_port", "65536")]
    [InlineData("mysql_max_connections", "many")]
    public void Out_of_range_numbers_are_refused(string name, string value) =>
        Assert.ThrowsAny<ProvisionException>(() => Build(new Dictionary<string, object?> { [name] = value }));

    [Fact]
    public void Db_password_is_required() =>
        Assert.Equal(["db_password"], new MysqlRole().RequiredVariables);

    [Fact]
    public void The_defaults_repeat_the_shared_values_of_the_roles_contract()
    {
        var defaults = new VariableSet(new MysqlRole().Defaults);

        Assert.Equal(("foobar", "foobar", 3306L), (defaults.GetString("db_name"), defaults.GetString("db_user"), defaults.GetInt("db_port")));
        Assert.Equal("../app/schema.sql", defaults.GetString("mysql_schema_file"));
    }
}
