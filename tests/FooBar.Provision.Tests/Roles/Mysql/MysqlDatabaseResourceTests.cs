using FooBar.Provision.Resources;
using FooBar.Provision.Roles.Mysql;
using static FooBar.Provision.Tests.Roles.Mysql.MysqlFixture;

namespace FooBar.Provision.Tests.Roles.Mysql;

public sealed class MysqlDatabaseResourceTests
{
    [Fact]
    public void An_existing_database_needs_no_change() =>
        Assert.Null(new MysqlDatabaseResource("foobar").Compare(Probe("present\n"), Plan));

    [Theory]
    [InlineData("absent")]
    [InlineData("unreachable ERROR 2002 (HY000): Can't connect")]
    public async Task A_missing_database_is_created_with_its_character_set(string output)
    {
        var change = new MysqlDatabaseResource("foobar").Compare(Probe(output), Plan);

        Assert.NotNull(change);
        Assert.Equal(ChangeAction.Create, change.Action);
        Assert.Equal("create database foobar (utf8mb4)", change.Summary);
        Assert.Equal("CREATE DATABASE IF NOT EXISTS `foobar` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;\n", Assert.Single(await ApplyAsync(change)).Stdin());
    }

    [Fact]
    public void The_probe_prints_absent_on_a_host_without_mariadb()
    {
        var probe = new MysqlDatabaseResource("foobar").ProbeScript;

        Assert.StartsWith("if ! command -v mysql >/dev/null 2>&1; then echo absent;", probe.Text, StringComparison.Ordinal);
        Assert.Contains("SCHEMA_NAME = '\\''foobar'\\''", probe.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("foo;bar")]
    [InlineData("")]
    [InlineData("a`b")]
    public void Unsafe_names_are_refused(string name) =>
        Assert.Throws<ProvisionException>(() => new MysqlDatabaseResource(name));
}
