using System.Text;
using FooBar.Provision.Facts;
using FooBar.Provision.Resources;
using FooBar.Provision.Testing;
using FooBar.Provision.Variables;

namespace FooBar.Provision.Tests.Roles.Nginx;

/// <summary>The nginx role with <c>nginx_tls_certificate</c> and <c>nginx_tls_key</c>.</summary>
public sealed class NginxTlsTests
{
    private const string KeyPath = "/etc/nginx/tls/foobar.key";

    private static readonly Dictionary<string, object?> Tls = new()
    {
        ["nginx_tls_certificate"] = TestPem.Certificate,
        ["nginx_tls_key"] = new SecretValue("file:secrets/www.key", TestPem.Key),
    };

    [Fact]
    public void Tls_installs_certificate_and_key_before_the_site()
    {
        var builder = NginxFixture.Build(Tls);

        Assert.Equal(
        [
            "packages[nginx]", "file[/etc/nginx/nginx.conf]", "directory[/etc/nginx/tls]", "file[/etc/nginx/tls/foobar.crt]", $"file[{KeyPath}]",
            $"file[{NginxFixture.Site}]", "symlink[/etc/nginx/sites-enabled/foobar.conf]", "absent[/etc/nginx/sites-enabled/default]", "service[nginx]",
        ], builder.Ids());
        var certificate = builder.File("/etc/nginx/tls/foobar.crt");
        Assert.Equal("644", certificate.Mode);
        Assert.Equal(TestPem.Certificate, certificate.Text());
        Assert.All(builder.Resources.Where(r => r.Name.StartsWith("/etc/nginx/tls/", StringComparison.Ordinal)), r => Assert.Equal(["reload nginx"], r.Notify));
    }

    [Fact]
    public void Tls_site_listens_on_443_and_redirects_http_with_301()
    {
        var site = NginxFixture.Build(Tls).File(NginxFixture.Site).Text();

        Assert.Contains("  listen 80;\n  listen [::]:80;\n  server_name www.foobar.com foobar.com;\n  return 301 https://$host$request_uri;\n", site, StringComparison.Ordinal);
        Assert.Contains("  listen 443 ssl;\n", site, StringComparison.Ordinal);
        Assert.Contains("ssl_certificate /etc/nginx/tls/foobar.crt;\n", site, StringComparison.Ordinal);
        Assert.Contains("ssl_certificate_key /etc/nginx/tls/foobar.key;\n", site, StringComparison.Ordinal);
        Assert.Contains("proxy_pass http://127.0.0.1:8000;", site, StringComparison.Ordinal);
    }

    [Fact]
    public void Key_file_is_private_and_its_probe_never_reads_the_content()
    {
        var key = NginxFixture.Build(Tls).Resources.Single(r => r.Name == KeyPath);

        Assert.Equal("file", key.Kind);
        Assert.DoesNotContain("base64", key.ProbeScript.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("cat ", key.ProbeScript.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Key_change_shows_no_key_material_in_its_diff_or_summary()
    {
        var key = NginxFixture.Build(Tls).Resources.Single(r => r.Name == KeyPath);
        // What a careless probe would print: metadata, hash, and the old content in base64.
        var probe = new ProbeResult(0, "600 root root 80\n" + new string('a', 64) + "\n" + Convert.ToBase64String(Encoding.UTF8.GetBytes(TestPem.OldKey)) + "\n");

        var change = key.Compare(probe, new PlanContext(HostFacts.Debian12));

        Assert.NotNull(change);
        Assert.Equal(ChangeAction.Update, change.Action);
        Assert.NotNull(change.Diff);
        Assert.Contains("not shown", change.Diff, StringComparison.Ordinal);
        foreach (var text in new[] { change.Diff, change.Summary })
        {
            Assert.DoesNotContain(TestPem.KeyLine, text, StringComparison.Ordinal);
            Assert.DoesNotContain("OLDKEY", text, StringComparison.Ordinal);
            Assert.DoesNotContain("PRIVATE KEY", text, StringComparison.Ordinal);
        }

        Assert.Equal(KeyPath, change.GuardedPath);
        Assert.NotNull(change.ApplyWithBackup);
    }

    [Fact]
    public void New_key_file_is_created_mode_600_without_showing_it()
    {
        var key = NginxFixture.Build(Tls).Resources.Single(r => r.Name == KeyPath);

        var change = key.Compare(new ProbeResult(0, "absent\n"), new PlanContext(HostFacts.Debian12));

        Assert.NotNull(change);
        Assert.Contains("mode 600", change.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain(TestPem.KeyLine, change.Diff ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public void Key_in_state_is_no_change()
    {
        var key = NginxFixture.Build(Tls).Resources.Single(r => r.Name == KeyPath);
        var bytes = Encoding.UTF8.GetBytes(TestPem.Key + "\n");
        var hash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes)).ToLowerInvariant();

        Assert.Null(key.Compare(new ProbeResult(0, $"600 root root {bytes.Length}\n{hash}\n"), new PlanContext(HostFacts.Debian12)));
    }

    [Fact]
    public void Certificate_and_key_may_be_paths_relative_to_the_inventory()
    {
        var directory = Path.Combine(Path.GetTempPath(), "foobar-tls-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(directory, "tls"));
        try
        {
            File.WriteAllText(Path.Combine(directory, "tls", "www.crt"), TestPem.Certificate);
            File.WriteAllText(Path.Combine(directory, "tls", "www.key"), TestPem.Key);
            var variables = new Dictionary<string, object?> { ["nginx_tls_certificate"] = "tls/www.crt", ["nginx_tls_key"] = "tls/www.key" };

            var builder = NginxFixture.Build(variables, inventoryDirectory: directory);

            Assert.Equal(TestPem.Certificate, builder.File("/etc/nginx/tls/foobar.crt").Text());
            Assert.Contains(builder.Resources, r => r.Name == KeyPath);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Theory]
    [InlineData("nginx_tls_certificate")]
    [InlineData("nginx_tls_key")]
    public void Half_a_tls_configuration_is_refused(string only)
    {
        var variables = new Dictionary<string, object?> { [only] = only.EndsWith("key", StringComparison.Ordinal) ? TestPem.Key : TestPem.Certificate };

        var error = Assert.Throws<FooBar.Provision.Inventory.InventoryException>(() => NginxFixture.Build(variables));
        Assert.Contains("both", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unreadable_secret_key_path_is_reported_without_the_secret()
    {
        var variables = new Dictionary<string, object?>
        {
            ["nginx_tls_certificate"] = TestPem.Certificate,
            ["nginx_tls_key"] = new SecretValue("env:KEY", "/no/such/secret-path.key"),
        };

        var error = Assert.Throws<VariableException>(() => NginxFixture.Build(variables));
        Assert.DoesNotContain("secret-path", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Certificate_that_is_not_pem_is_refused()
    {
        var variables = new Dictionary<string, object?> { ["nginx_tls_certificate"] = "-----BEGIN NONSENSE-----", ["nginx_tls_key"] = TestPem.Key };

        Assert.Throws<VariableException>(() => NginxFixture.Build(variables));
    }
}
