using FooBar.Provision.Inventory;
using FooBar.Provision.Planning;
using FooBar.Provision.Reporting;
using FooBar.Provision.Roles;
using FooBar.Provision.Roles.Nginx;
using FooBar.Provision.Transport;
using FooBar.Provision.Variables;
using Moq;

namespace FooBar.Provision.Tests.Roles.Nginx;

/// <summary>The nginx role run by the real engine against a stateful fake host: converge, idempotence, reload, rollback, secrecy.</summary>
public sealed class NginxEngineTests
{
    private const string Site = NginxTestHost.Site;

    private static readonly Dictionary<string, object?> Base = new()
    {
        ["domain"] = "www.foobar.com",
        ["domain_aliases"] = new List<object?> { "foobar.com" },
    };

    [Fact]
    public async Task First_apply_converges_and_reloads_once_and_a_second_apply_changes_nothing_in_two_round_trips()
    {
        var host = new NginxFakeHost();

        var first = await RunAsync(host, Base);
        var second = await RunAsync(host, Base);

        Assert.Equal(HostStatus.Changed, first.Status);
        Assert.Equal(1, host.Reloads);
        Assert.Equal("/etc/nginx/sites-available/foobar.conf", host.Links["/etc/nginx/sites-enabled/foobar.conf"]);
        Assert.False(host.Links.ContainsKey("/etc/nginx/sites-enabled/default"));
        Assert.Equal(HostStatus.Ok, second.Status);
        Assert.Equal(0, second.ChangedCount);
        Assert.Equal(2, second.RoundTrips - first.RoundTrips);
    }

    [Fact]
    public async Task Changing_a_template_variable_shows_a_diff_in_the_plan_and_reloads_once_on_apply()
    {
        var host = new NginxFakeHost();
        await RunAsync(host, Base);
        var changed = new Dictionary<string, object?>(Base) { ["nginx_static_expires"] = "30d" };

        var plan = await RunAsync(host, changed, dryRun: true);
        var apply = await RunAsync(host, changed);

        var pending = Assert.Single(plan.Resources, r => r.Status == ResourceStatus.Pending);
        Assert.Equal($"file[{Site}]", pending.Id);
        Assert.Contains("-    expires 7d;", pending.Diff, StringComparison.Ordinal);
        Assert.Contains("+    expires 30d;", pending.Diff, StringComparison.Ordinal);
        Assert.Equal(1, apply.ChangedCount);
        Assert.Equal(2, host.Reloads);
        Assert.Contains("expires 30d;", host.Text(Site), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_extra_configuration_fails_validation_and_the_previous_site_file_is_put_back()
    {
        var host = new NginxFakeHost();
        await RunAsync(host, Base);
        var before = host.Text(Site);
        host.ConfigurationValid = false;

        var report = await RunAsync(host, new Dictionary<string, object?>(Base) { ["nginx_extra_config"] = "this is not valid;" });

        Assert.Equal(HostStatus.Failed, report.Status);
        var handler = Assert.Single(report.Handlers);
        Assert.Equal(ResourceStatus.Failed, handler.Status);
        Assert.Contains("validation failed", handler.Error, StringComparison.Ordinal);
        Assert.Equal(1, host.Reloads);
        Assert.Equal(before, host.Text(Site));
    }

    [Fact]
    public async Task Tls_key_never_appears_in_a_plan_a_report_or_a_command()
    {
        var host = new NginxFakeHost();
        var tls = new Dictionary<string, object?>(Base)
        {
            ["nginx_tls_certificate"] = TestPem.Certificate,
            ["nginx_tls_key"] = new SecretValue("file:secrets/www.key", TestPem.Key),
        };
        await RunAsync(host, tls);
        host.Files["/etc/nginx/tls/foobar.key"] = System.Text.Encoding.UTF8.GetBytes(TestPem.OldKey);

        var plan = await RunAsync(host, tls, dryRun: true);
        var apply = await RunAsync(host, tls);

        foreach (var report in new[] { plan, apply })
        {
            var key = Assert.Single(report.Resources, r => r.Id == "file[/etc/nginx/tls/foobar.key]");
            Assert.Contains("not shown", key.Diff, StringComparison.Ordinal);
            var texts = report.Resources.SelectMany(r => new[] { r.Summary, r.Diff, r.Error }).Append(report.Error).OfType<string>();
            Assert.All(texts, t => Assert.DoesNotContain("PRIVATE KEY", t, StringComparison.Ordinal));
            Assert.All(texts, t => Assert.DoesNotContain("OLDKEY", t, StringComparison.Ordinal));
        }

        Assert.All(host.Scripts, s => Assert.DoesNotContain(TestPem.KeyLine, s, StringComparison.Ordinal));
        Assert.Contains(TestPem.KeyLine, host.Text("/etc/nginx/tls/foobar.key"), StringComparison.Ordinal);
        Assert.Equal("600", host.Writes.Last(w => w.Path == "/etc/nginx/tls/foobar.key").Mode);
    }

    private static async Task<HostReport> RunAsync(NginxFakeHost host, IReadOnlyDictionary<string, object?> variables, bool dryRun = false)
    {
        var entry = new HostEntry("web", "192.0.2.10") { Roles = ["nginx"], Variables = new VariableSet(variables) };
        var factory = new Mock<IConnectionFactory>(MockBehavior.Strict);
        factory.Setup(f => f.Open(It.IsAny<HostEntry>())).Returns(host);
        var engine = new ProvisionEngine(new RoleCatalog([new NginxRole()]), factory.Object);
        var report = await engine.RunAsync([entry], new RunOptions { DryRun = dryRun, InventoryDirectory = Path.GetTempPath() });
        return Assert.Single(report.Hosts);
    }
}
