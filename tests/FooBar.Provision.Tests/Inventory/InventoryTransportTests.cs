using FooBar.Provision.Inventory;
using static FooBar.Provision.Tests.Inventory.InventoryTestData;

namespace FooBar.Provision.Tests.Inventory;

/// <summary><c>transport:</c> at inventory, group and host level, and <c>identity_passphrase</c>.</summary>
public sealed class InventoryTransportTests
{
    [Fact]
    public void The_host_wins_over_its_groups_and_the_last_group_over_the_inventory()
    {
        var model = Parse("""
            transport: openssh
            hosts:
              plain: { address: 10.0.0.1 }
              grouped: { address: 10.0.0.2 }
              twice: { address: 10.0.0.3 }
              own: { address: 10.0.0.4, transport: openssh }
            groups:
              first: { hosts: [twice], transport: openssh }
              modern: { hosts: [grouped, twice, own], transport: sshnet }
            """);

        var transports = model.Hosts.ToDictionary(h => h.Name, h => h.Transport);
        Assert.Equal(TransportKind.OpenSsh, transports["plain"]);
        Assert.Equal(TransportKind.SshNet, transports["grouped"]);
        Assert.Equal(TransportKind.SshNet, transports["twice"]);
        Assert.Equal(TransportKind.OpenSsh, transports["own"]);
    }

    [Fact]
    public void Without_transport_anywhere_a_host_uses_sshnet()
    {
        var host = Parse("""
            hosts:
              www: { address: 10.0.0.1 }
            """).Hosts[0];

        Assert.Equal(TransportKind.SshNet, host.Transport);
        Assert.Equal(TransportKind.SshNet, new HostEntry("x", "y").Transport); // library users who build hosts in code too
    }

    [Theory]
    [InlineData("transport: shhnet", "the transport of host 'www' must be 'sshnet' or 'openssh', not 'shhnet'", "did you mean 'sshnet'?")]
    [InlineData("transport: OpenSSH", "the transport of host 'www' must be 'sshnet' or 'openssh', not 'OpenSSH'", "did you mean 'openssh'?")]
    [InlineData("transport: [sshnet]", "the transport of host 'www' must be 'sshnet' or 'openssh', not a list", "use sshnet")]
    public void A_misspelt_transport_is_reported_at_its_value_with_a_suggestion(string setting, string message, string hint)
    {
        var error = SingleErrorAt(Fails($$"""
            hosts:
              www: { address: 10.0.0.1 }
              web: { address: 10.0.0.2, {{setting}} }
            """), 3, 40);

        Assert.Equal(message.Replace("'www'", "'web'", StringComparison.Ordinal), error.Message);
        Assert.StartsWith(hint, error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void A_misspelt_transport_of_a_group_or_the_inventory_is_reported_too()
    {
        var exception = Fails("""
            transport: ssh
            hosts:
              www: { address: 10.0.0.1 }
            groups:
              web: { hosts: [www], transport: opensh }
            """);

        Assert.Equal(
            [
                "1:12 the transport of the inventory must be 'sshnet' or 'openssh', not 'ssh'",
                "5:35 the transport of group 'web' must be 'sshnet' or 'openssh', not 'opensh'",
            ],
            exception.Errors.Select(e => $"{e.Location.Line}:{e.Location.Column} {e.Message}"));
        Assert.StartsWith("did you mean 'openssh'?", exception.Errors[1].Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void The_identity_passphrase_is_a_secret_from_the_environment_or_a_file()
    {
        var key = Path.GetTempFileName();
        File.WriteAllText(key, "-----BEGIN OPENSSH PRIVATE KEY-----\n");
        var host = Loader(new Dictionary<string, string> { ["KEY_PASS"] = "correct horse battery" }).Parse($$"""
            hosts:
              www: { address: 10.0.0.1, identity_file: {{key}}, identity_passphrase: { env: KEY_PASS } }
            """, FilePath).Hosts[0];
        File.Delete(key);

        Assert.Equal("correct horse battery", host.IdentityPassphrase?.Reveal());
    }

    [Theory]
    [InlineData("identity_passphrase: hunter2hunter2", "identity_passphrase of host 'www' must be a secret reference, not a literal value")]
    [InlineData("identity_passphrase: { env: MISSING_PASS }", "the secret for identity_passphrase of host 'www' comes from environment variable 'MISSING_PASS', which is not set")]
    public void A_literal_or_missing_identity_passphrase_is_refused_at_check_time(string setting, string message)
    {
        var exception = Fails($$"""
            hosts:
              www: { address: 10.0.0.1, {{setting}} }
            """);

        var error = Assert.Single(exception.Errors);
        Assert.Equal(message, error.Message);
        Assert.DoesNotContain("hunter2", error.Message + error.Hint, StringComparison.Ordinal);
    }
}
