using FooBar.Provision.Inventory;
using static FooBar.Provision.Tests.Inventory.InventoryTestData;

namespace FooBar.Provision.Tests.Inventory;

public sealed class InventoryLoaderTests
{
    private const string WebStack = """
        vars:
          app_name: foobar
          app_port: 8080
          db_password: { env: FOOBAR_DB_PASSWORD }
        groups:
          web:
            hosts: [www, api]
            roles: [mysql, app-files, app-server, nginx]
            vars: { domain: www.foobar.com }
        hosts:
          www:
            address: 8.8.8.8
            port: 2222
            user: deploy
            identity_file: keys/id_ed25519
            known_hosts: ~/known_hosts
            host_key_checking: accept-new
            become: true
            become_password: { env: SUDO_PW }
            connect_timeout: 30
            roles: [base, nginx]
          api:
            address: api.foobar.com
        """;

    private static readonly Dictionary<string, string> Environment = new()
    {
        ["FOOBAR_DB_PASSWORD"] = "db-secret",
        ["SUDO_PW"] = "sudo-secret",
    };

    [Fact]
    public void A_complete_inventory_loads_every_host_setting()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("inventory/foobar.yaml", WebStack);
        dir.Write("inventory/keys/id_ed25519", "-----BEGIN OPENSSH PRIVATE KEY-----\nonly its first line is read\n");

        var model = Loader(Environment).Load(path);

        var www = model.Hosts[0];
        Assert.Equal(("www", "8.8.8.8", 2222, "deploy"), (www.Name, www.Address, www.Port, www.User));
        Assert.Equal(System.IO.Path.Combine(dir.Path, "inventory", "keys", "id_ed25519"), www.IdentityFile);
        Assert.Equal(System.IO.Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), "known_hosts"), www.KnownHostsFile);
        Assert.Equal(HostKeyChecking.AcceptNew, www.HostKeyChecking);
        Assert.True(www.Become);
        Assert.Equal("sudo-secret", www.BecomePassword?.Reveal());
        Assert.Equal(30, www.ConnectTimeoutSeconds);
        Assert.Equal(new SourceLocation(path, 11, 3), www.Location);
    }

    // The inventory beside the key it names: a missing identity_file is bad input.
    private static InventoryModel LoadWebStack()
    {
        using var dir = new TempDirectory();
        dir.Write("inventory/keys/id_ed25519", "-----BEGIN OPENSSH PRIVATE KEY-----\nonly its first line is read\n");
        return Loader(Environment).Load(dir.Write("inventory/foobar.yaml", WebStack));
    }

    [Fact]
    public void Optional_host_settings_take_their_defaults()
    {
        var model = LoadWebStack();

        var api = model.Hosts[1];
        Assert.Equal(("api", "api.foobar.com", 22, null), (api.Name, api.Address, api.Port, api.User));
        Assert.Equal((HostKeyChecking.Strict, false, 10), (api.HostKeyChecking, api.Become, api.ConnectTimeoutSeconds));
        Assert.Null(api.IdentityFile);
        Assert.Null(api.BecomePassword);
    }

    [Fact]
    public void Hosts_and_groups_keep_file_order()
    {
        var model = LoadWebStack();

        Assert.Equal(["www", "api"], model.Hosts.Select(h => h.Name));
        Assert.Equal(["www", "api"], model.Groups["web"]);
        Assert.Equal(["web"], model.Hosts[0].Groups);
    }

    [Fact]
    public void Roles_are_group_roles_then_host_roles_without_duplicates()
    {
        var model = LoadWebStack();

        Assert.Equal(["mysql", "app-files", "app-server", "nginx", "base"], model.Hosts[0].Roles);
        Assert.Equal(["mysql", "app-files", "app-server", "nginx"], model.Hosts[1].Roles);
    }

    [Fact]
    public void Scalars_stay_text_except_plain_booleans_and_nulls()
    {
        var model = Parse("""
            vars:
              port: 8080
              quoted: "true"
              enabled: true
              off: false
              nothing: ~
              empty:
              list: [a, 1]
              map: { k: v }
            hosts:
              www: { address: 10.0.0.1 }
            """);

        var vars = model.Hosts[0].Variables;
        Assert.Equal("8080", vars["port"]);
        Assert.Equal("true", vars["quoted"]);
        Assert.Equal(true, vars["enabled"]);
        Assert.Equal(false, vars["off"]);
        Assert.Null(vars["nothing"]);
        Assert.Null(vars["empty"]);
        Assert.Equal(["a", "1"], Assert.IsAssignableFrom<IReadOnlyList<object?>>(vars["list"]));
        Assert.Equal("v", Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(vars["map"])["k"]);
        Assert.Equal(8080, vars.GetInt("port"));
    }

    [Fact]
    public void Variables_follow_inventory_then_groups_in_order_then_host_then_overrides()
    {
        var model = Parse("""
            vars: { a: inventory, b: inventory, c: inventory, d: inventory, e: inventory }
            groups:
              first: { hosts: [www], vars: { b: first, c: first, d: first, e: first } }
              second: { hosts: [www], vars: { c: second, d: second, e: second } }
            hosts:
              www:
                address: 10.0.0.1
                vars: { d: host, e: host }
            """, new Dictionary<string, string> { ["e"] = "override", ["f"] = "new" });

        var vars = model.Hosts[0].Variables;
        Assert.Equal(
            ["inventory", "first", "second", "host", "override", "new"],
            new[] { "a", "b", "c", "d", "e", "f" }.Select(vars.GetString));
    }

    [Fact]
    public void Load_reports_a_missing_file_with_its_path()
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "no-such-dir", "missing.yaml");

        var error = Assert.Single(Assert.Throws<InventoryException>(() => Loader().Load(path)).Errors);

        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }
}
