using static FooBar.Provision.Tests.Inventory.InventoryTestData;

namespace FooBar.Provision.Tests.Inventory;

public sealed class InventoryStructureTests
{
    [Theory]
    [InlineData("")]
    [InlineData("# nothing yet\n")]
    public void An_empty_file_is_reported_with_a_hint_to_add_hosts(string yaml)
    {
        var error = SingleErrorAt(Fails(yaml), 1, 1);

        Assert.Equal("the inventory is empty", error.Message);
        Assert.StartsWith("add hosts", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void An_inventory_without_hosts_is_reported()
    {
        var error = SingleErrorAt(Fails("""
            vars: { a: b }
            hosts:
            """), 2, 1);

        Assert.Equal("the inventory declares no hosts", error.Message);
        Assert.StartsWith("add hosts", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void A_yaml_syntax_error_is_reported_at_its_location()
    {
        var error = SingleErrorAt(Fails("""
            hosts:
              www: { address: 10.0.0.1
            """), 3, 1);

        Assert.StartsWith("invalid YAML: ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("(Line:", error.Message, StringComparison.Ordinal);
        Assert.Contains("indentation", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Several_errors_are_all_reported_at_once_in_file_order()
    {
        var exception = Fails("""
            groups:
              web: { hosts: [www, db], roles: [nginx, php] }
            hosts:
              www:
                adress: 10.0.0.1
                port: 0
              www: { address: 10.0.0.2 }
            """);

        Assert.Equal(
        [
            "2:23 group 'web' lists host 'db', which is not declared under 'hosts'",
            "2:43 unknown role 'php' in roles of group 'web'",
            "4:3 host 'www' has no 'address'",
            "4:3 host 'www': role 'nginx' needs variable 'domain'",
            "5:5 unknown key 'adress' in host 'www'",
            "6:11 the port of host 'www' must be a whole number from 1 to 65535, not '0'",
            "7:3 host 'www' is declared twice (first on line 4)",
        ],
        exception.Errors.Select(e => $"{e.Location.Line}:{e.Location.Column} {e.Message}"));
        Assert.Equal("did you mean 'address'? allowed keys: address, port, user, identity_file, identity_passphrase, known_hosts, host_key_checking, transport, kex_algorithms, become, become_password, connect_timeout, keepalive_interval, keepalive_count_max, command_timeout, apt_lock_timeout, roles, vars, jump", exception.Errors[4].Hint);
    }

    [Fact]
    public void The_exception_message_shows_each_error_as_file_line_column_with_its_hint()
    {
        var exception = Fails("""
            hosts:
              www: { adress: 10.0.0.1 }
            """);

        Assert.Contains("inventory/foobar.yaml:2:10: unknown key 'adress' in host 'www'\n  hint: did you mean 'address'?", exception.Message, StringComparison.Ordinal);
    }
}
