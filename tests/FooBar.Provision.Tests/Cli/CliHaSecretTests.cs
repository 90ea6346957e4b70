using FooBar.Provision.Tests.Roles.Nginx;

namespace FooBar.Provision.Tests.Cli;

/// <summary>
/// The HA inventory (inventory/foobar-ha.yaml) with every secret its roles take: the VRRP password, haproxy's TLS key,
/// the replication password and the application's. A plan through mocked SSH, as text and as JSON, at -vvv (every
/// script logged), never shows one of them, and no command line sent to a host carries one.
/// </summary>
public sealed class CliHaSecretTests
{
    private const string VrrpPass = "Vr7-pass";

    private static readonly Dictionary<string, string> Secrets = new(StringComparer.Ordinal)
    {
        ["FOOBAR_DB_PASSWORD"] = "db-secret-4711",
        ["FOOBAR_REPLICATION_PASSWORD"] = "repl-secret-4712",
        ["FOOBAR_VRRP_PASS"] = VrrpPass,
        ["FOOBAR_TLS_KEY"] = TestPem.Key,
    };

    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    public async Task No_secret_of_the_ha_roles_shows_in_a_plan_a_log_or_a_command_line(string output)
    {
        using var directory = new FooBar.Provision.Tests.Inventory.TempDirectory();
        var inventory = Inventory(directory);
        var hosts = new MockHosts(answerProbe: (host, probe) =>
            probe.Contains("SSH_CONNECTION", StringComparison.Ordinal) ? $"ssh 192.0.2.1 50022 {host.Address} 22\nfile absent\nlive absent" : "absent");

        var result = await CliHarness.RunAsync(hosts.Factory.Object, n => Secrets.GetValueOrDefault(n), "plan", inventory, "--output", output, "-vvv");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("keepalived.conf", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("/etc/haproxy/tls/site.pem", result.Stdout, StringComparison.Ordinal);
        Assert.NotEmpty(hosts.Commands);
        foreach (var secret in Secrets.Values.SelectMany(v => v.Split('\n')).Where(l => !l.StartsWith("-----", StringComparison.Ordinal)))
        {
            Assert.DoesNotContain(secret, result.Stdout, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, result.Stderr, StringComparison.Ordinal);
            Assert.All(hosts.Commands, c => Assert.DoesNotContain(secret, c.Command.Script, StringComparison.Ordinal));
        }
    }

    // foobar-ha.yaml with TLS on the load balancers and a VRRP password, its app paths made absolute.
    private static string Inventory(FooBar.Provision.Tests.Inventory.TempDirectory directory)
    {
        var original = Path.Combine(Path.GetDirectoryName(CliFoobarInventoryTests.FoobarInventory()) ?? ".", "foobar-ha.yaml");
        var app = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(original) ?? ".", "..", "app"));
        var certificate = directory.Write("tls/site.crt", TestPem.Certificate);
        var yaml = File.ReadAllText(original).ReplaceLineEndings("\n")
            .Replace("../app/", app + "/", StringComparison.Ordinal)
            .Replace("      keepalived_vip: 192.0.2.100/24\n", $"      keepalived_vip: 192.0.2.100/24\n      keepalived_auth_pass: {{ env: FOOBAR_VRRP_PASS }}\n      haproxy_tls_certificate: {certificate}\n      haproxy_tls_key: {{ env: FOOBAR_TLS_KEY }}\n", StringComparison.Ordinal);
        Assert.Contains("keepalived_auth_pass", yaml, StringComparison.Ordinal);
        return directory.Write("inventory/foobar-ha.yaml", yaml);
    }
}
