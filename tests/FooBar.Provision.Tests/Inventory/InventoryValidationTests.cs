using static FooBar.Provision.Tests.Inventory.InventoryTestData;

namespace FooBar.Provision.Tests.Inventory;

public sealed class InventoryValidationTests
{
    [Fact]
    public void Unknown_host_key_is_reported_with_line_and_column_and_a_suggestion()
    {
        var error = SingleErrorAt(Fails("""
            hosts:
              www:
                address: 10.0.0.1
                prot: 22
            """), 4, 5);

        Assert.Equal("unknown key 'prot' in host 'www'", error.Message);
        Assert.StartsWith("did you mean 'port'? allowed keys: address, port, user,", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_top_level_key_lists_the_allowed_keys()
    {
        var error = SingleErrorAt(Fails("""
            hosts:
              www: { address: 10.0.0.1 }
            variables: {}
            """), 3, 1);

        Assert.Equal("unknown key 'variables' at the top level", error.Message);
        Assert.Equal("allowed keys: vars, groups, hosts, jump, transport, kex_algorithms", error.Hint);
    }

    [Fact]
    public void Unknown_group_key_suggests_the_closest_one()
    {
        var error = SingleErrorAt(Fails("""
            groups:
              web:
                host: [www]
            hosts:
              www: { address: 10.0.0.1 }
            """), 3, 5);

        Assert.Equal("unknown key 'host' in group 'web'", error.Message);
        Assert.Equal("did you mean 'hosts'? allowed keys: hosts, roles, vars, jump, transport, kex_algorithms, serial, max_fail_percentage", error.Hint);
    }

    [Theory]
    [InlineData("port: ssh", "the port of host 'www' must be a whole number from 1 to 65535, not 'ssh'")]
    [InlineData("port: 70000", "the port of host 'www' must be a whole number from 1 to 65535, not '70000'")]
    [InlineData("become: sometimes", "become of host 'www' must be true or false, not 'sometimes'")]
    [InlineData("roles: nginx", "roles of host 'www' must be a list, not 'nginx'")]
    [InlineData("host_key_checking: off", "host_key_checking of host 'www' must be 'strict' or 'accept-new', not 'off'")]
    [InlineData("connect_timeout: [1]", "the connect_timeout of host 'www' must be a whole number from 1 to 3600, not a list")]
    [InlineData("keepalive_interval: 0", "the keepalive_interval of host 'www' must be a whole number from 1 to 3600, not '0'")]
    [InlineData("keepalive_count_max: 101", "the keepalive_count_max of host 'www' must be a whole number from 1 to 100, not '101'")]
    [InlineData("command_timeout: 10m", "the command_timeout of host 'www' must be a whole number from 1 to 86400, not '10m'")]
    [InlineData("apt_lock_timeout: -1", "the apt_lock_timeout of host 'www' must be a whole number from 0 to 86400, not '-1'")]
    public void A_host_setting_of_the_wrong_type_is_reported_at_its_value(string setting, string message)
    {
        var error = SingleErrorAt(Fails($"""
            hosts:
              www:
                address: 10.0.0.1
                {setting}
            """), 4, setting.IndexOf(':', StringComparison.Ordinal) + 7);

        Assert.Equal(message, error.Message);
        Assert.NotEmpty(error.Hint);
    }

    [Fact]
    public void Hosts_that_are_not_a_mapping_are_reported()
    {
        var error = SingleErrorAt(Fails("""
            hosts: [www]
            """), 1, 8);

        Assert.Equal("'hosts' must be a mapping of host name to settings, not a list", error.Message);
        Assert.Contains("address:", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void A_host_without_address_is_reported_at_the_host()
    {
        var error = SingleErrorAt(Fails("""
            hosts:
              www:
                port: 22
            """), 2, 3);

        Assert.Equal("host 'www' has no 'address'", error.Message);
        Assert.Equal("add 'address: <IP address or DNS name>' under host 'www'", error.Hint);
    }

    [Fact]
    public void A_host_declared_twice_is_reported_at_the_second_declaration()
    {
        var error = SingleErrorAt(Fails("""
            hosts:
              www: { address: 10.0.0.1 }
              www: { address: 10.0.0.2 }
            """), 3, 3);

        Assert.Equal("host 'www' is declared twice (first on line 2)", error.Message);
        Assert.Contains("unique name", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void A_group_declared_twice_is_reported_at_the_second_declaration()
    {
        var error = SingleErrorAt(Fails("""
            groups:
              web: { hosts: [www] }
              web: { hosts: [www] }
            hosts:
              www: { address: 10.0.0.1 }
            """), 3, 3);

        Assert.Equal("group 'web' is declared twice (first on line 2)", error.Message);
    }

    [Fact]
    public void A_group_listing_an_undeclared_host_is_reported_at_the_entry()
    {
        var error = SingleErrorAt(Fails("""
            groups:
              web: { hosts: [www, wwww] }
            hosts:
              www: { address: 10.0.0.1 }
            """), 2, 23);

        Assert.Equal("group 'web' lists host 'wwww', which is not declared under 'hosts'", error.Message);
        Assert.EndsWith("did you mean 'www'? declared hosts: www", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_role_is_reported_with_the_known_roles()
    {
        var error = SingleErrorAt(Fails("""
            hosts:
              www: { address: 10.0.0.1, roles: [ngnix] }
            """), 2, 37);

        Assert.Equal("unknown role 'ngnix' in roles of host 'www'", error.Message);
        Assert.Equal("did you mean 'nginx'? known roles: app-files, app-server, base, mysql, nginx", error.Hint);
    }

    [Fact]
    public void A_variable_required_by_a_role_must_be_set_somewhere()
    {
        var error = SingleErrorAt(Fails("""
            groups:
              db: { hosts: [www], roles: [mysql] }
            hosts:
              www: { address: 10.0.0.1 }
            """), 4, 3);

        Assert.Equal("host 'www': role 'mysql' needs variable 'db_password'", error.Message);
        Assert.Equal("set 'db_password' in the top-level vars:, in the vars: of group 'db', in the vars: of host 'www', or pass --var db_password=VALUE", error.Hint);
    }

    [Fact]
    public void An_override_satisfies_a_required_variable()
    {
        var model = Parse("""
            hosts:
              www: { address: 10.0.0.1, roles: [nginx] }
            """, new Dictionary<string, string> { ["domain"] = "www.foobar.com" });

        Assert.Equal("www.foobar.com", model.Hosts[0].Variables.GetString("domain"));
    }
}
