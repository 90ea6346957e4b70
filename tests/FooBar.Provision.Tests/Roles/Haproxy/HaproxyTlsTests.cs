using System.Text;
using FooBar.Provision.Testing;
using FooBar.Provision.Tests.Roles.Nginx;
using static FooBar.Provision.Tests.Roles.Haproxy.HaproxyFixture;

namespace FooBar.Provision.Tests.Roles.Haproxy;

/// <summary>The haproxy role with <c>haproxy_tls_certificate</c> and <c>haproxy_tls_key</c>: one private bundle file, 443, the redirect.</summary>
public sealed class HaproxyTlsTests
{
    private const string Bundle = "/etc/haproxy/tls/site.pem";

    private static Dictionary<string, object?> Tls(params (string Name, object? Value)[] more)
    {
        var variables = Vars(("haproxy_tls_certificate", TestPem.Certificate), ("haproxy_tls_key", Secret(TestPem.Key)));
        foreach (var (name, value) in more)
        {
            variables[name] = value;
        }

        return variables;
    }

    [Fact]
    public void Tls_writes_certificate_and_key_into_one_private_bundle_before_the_configuration()
    {
        var builder = Build(Tls());

        Assert.Equal(["packages[haproxy,socat]", "directory[/etc/haproxy/tls]", $"file[{Bundle}]", $"file[{Config}]", "service[haproxy]"], builder.Ids());
        var bundle = builder.File(Bundle);
        Assert.Equal("600", bundle.Mode);
        Assert.Equal("root", bundle.Owner);
        Assert.True(bundle.Sensitive);
        Assert.Equal(TestPem.Certificate + TestPem.Key + "\n", Encoding.UTF8.GetString([.. bundle.Content]));
        Assert.Equal(["reload haproxy"], bundle.Notify);
    }

    [Fact]
    public void Tls_listens_on_443_with_the_bundle_and_redirects_http_to_https()
    {
        var config = ConfigText(Tls());

        Assert.Contains("  bind *:80\n  bind :::80 v6only\n  bind *:443 ssl crt /etc/haproxy/tls/site.pem alpn h2,http/1.1\n  bind :::443 v6only ssl crt /etc/haproxy/tls/site.pem alpn h2,http/1.1\n", config, StringComparison.Ordinal);
        Assert.Contains("  http-request redirect scheme https code 301 unless { ssl_fc }\n", config, StringComparison.Ordinal);
        Assert.Contains("  http-request set-header X-Forwarded-Proto https if { ssl_fc }\n", config, StringComparison.Ordinal);
        Assert.Contains("  ssl-default-bind-options ssl-min-ver TLSv1.2", config, StringComparison.Ordinal);
    }

    [Fact]
    public void The_redirect_can_be_turned_off_and_ipv4_alone_binds_443_on_ipv4()
    {
        var config = ConfigText(Tls(("haproxy_https_redirect", false), ("haproxy_listen_ipv6", false)));

        Assert.Contains("  bind *:80\n  bind *:443 ssl crt /etc/haproxy/tls/site.pem alpn h2,http/1.1\n", config, StringComparison.Ordinal);
        Assert.DoesNotContain("redirect", config, StringComparison.Ordinal);
    }

    [Fact]
    public void A_certificate_without_a_key_is_refused_before_any_connection()
    {
        var message = Refusal(Vars(("haproxy_tls_certificate", TestPem.Certificate)));

        Assert.Contains("haproxy_tls_certificate", message, StringComparison.Ordinal);
        Assert.Contains("haproxy_tls_key as well", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_certificate_path_that_names_no_file_is_refused_by_provision_check()
    {
        var result = await RoleCheck.RunAsync("""
            groups:
              lb:
                hosts: [lb1]
                roles: [haproxy]
                vars:
                  haproxy_backend_group: ""
                  haproxy_extra_servers: [{ name: web1, address: 192.0.2.21 }]
                  haproxy_tls_certificate: tls/nope.crt
                  haproxy_tls_key: tls/nope.key
            hosts:
              lb1:
                address: 192.0.2.11
            """);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("variable 'haproxy_tls_certificate' names the file ", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("/tls/nope.crt, which does not exist on this machine", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("variable 'haproxy_tls_key' names the file", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_key_never_shows_in_a_plan_a_report_or_a_command()
    {
        var harness = Harness(Tls());
        await harness.ApplyAsync();
        harness.Host.WithFile(Bundle, TestPem.Certificate + TestPem.OldKey, "600");

        var plan = await harness.PlanAsync();
        var apply = await harness.ApplyAsync();

        foreach (var run in new[] { plan, apply })
        {
            Assert.Contains("not shown", run.Resource($"file[{Bundle}]").Diff, StringComparison.Ordinal);
            run.AssertNotSent(TestPem.KeyLine).AssertNotSent("OLDKEYMATERIAL");
            Assert.DoesNotContain(TestPem.KeyLine, run.Describe(), StringComparison.Ordinal);
            Assert.DoesNotContain("OLDKEYMATERIAL", run.Describe(), StringComparison.Ordinal);
        }

        apply.AssertHandlerRan("reload haproxy");
    }
}
