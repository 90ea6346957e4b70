using FooBar.Provision.Reporting;
using FooBar.Provision.Testing;
using FooBar.Provision.Variables;

namespace FooBar.Provision.Tests.Roles.Nginx;

/// <summary>The nginx role run by the real engine against the test kit's fake host: converge, idempotence, reload, rollback, secrecy.</summary>
public sealed class NginxEngineTests
{
    private const string Site = NginxFixture.Site;
    private const string Key = "/etc/nginx/tls/foobar.key";

    [Fact]
    public async Task First_apply_converges_and_reloads_once_and_a_second_apply_changes_nothing_in_two_round_trips()
    {
        var harness = NginxFixture.Harness();

        var converged = await harness.ConvergeAsync();

        Assert.Equal(HostStatus.Changed, converged.FirstApply.Host.Status);
        converged.FirstApply.AssertHandlerRan("reload nginx");
        Assert.Equal(1, harness.Host.Service("nginx").Reloads);
        Assert.Equal(Site, harness.Host.Symlinks["/etc/nginx/sites-enabled/foobar.conf"]);
        Assert.False(harness.Host.Symlinks.ContainsKey("/etc/nginx/sites-enabled/default"));
        Assert.Equal(HostStatus.Ok, converged.SecondApply.Host.Status);
        Assert.Equal(2, converged.SecondApply.Sent.Count);
    }

    [Fact]
    public async Task Changing_a_template_variable_shows_a_diff_in_the_plan_and_reloads_once_on_apply()
    {
        var harness = NginxFixture.Harness();
        await harness.ApplyAsync();
        harness.WithVariable("nginx_static_expires", "30d");

        var plan = await harness.PlanAsync();
        var apply = await harness.ApplyAsync();

        var diff = plan.AssertReadOnly().AssertChanged($"file[{Site}]").Resource($"file[{Site}]").Diff;
        Assert.Contains("-    expires 7d;", diff, StringComparison.Ordinal);
        Assert.Contains("+    expires 30d;", diff, StringComparison.Ordinal);
        apply.AssertChanged($"file[{Site}]").AssertHandlerRan("reload nginx");
        Assert.Equal(2, harness.Host.Service("nginx").Reloads);
        Assert.Contains("expires 30d;", harness.Host.File(Site).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_extra_configuration_fails_validation_and_the_previous_site_file_is_put_back()
    {
        var harness = NginxFixture.Harness();
        await harness.ApplyAsync();
        var before = harness.Host.File(Site).Text;
        harness.Host.FailOn("nginx -t", 1, "nginx: [emerg] unknown directive \"this\"");

        var report = await harness.WithVariable("nginx_extra_config", "this is not valid;").ApplyAsync();

        report.AssertFailed("validation failed");
        var handler = Assert.Single(report.Host.Handlers);
        Assert.Equal(ResourceStatus.Failed, handler.Status);
        Assert.Equal(1, harness.Host.Service("nginx").Reloads);
        Assert.Equal(before, harness.Host.File(Site).Text);
    }

    [Fact]
    public async Task Tls_key_never_appears_in_a_plan_a_report_or_a_command()
    {
        var harness = NginxFixture.Harness(new Dictionary<string, object?>
        {
            ["nginx_tls_certificate"] = TestPem.Certificate,
            ["nginx_tls_key"] = new SecretValue("file:secrets/www.key", TestPem.Key),
        });
        await harness.ApplyAsync();
        harness.Host.WithFile(Key, TestPem.OldKey, "600");

        var plan = await harness.PlanAsync();
        var apply = await harness.ApplyAsync();

        foreach (var run in new[] { plan, apply })
        {
            Assert.Contains("not shown", run.Resource($"file[{Key}]").Diff, StringComparison.Ordinal);
            var texts = run.Host.Resources.SelectMany(r => new[] { r.Summary, r.Diff, r.Error }).Append(run.Host.Error).OfType<string>();
            Assert.All(texts, t => Assert.DoesNotContain("PRIVATE KEY", t, StringComparison.Ordinal));
            Assert.All(texts, t => Assert.DoesNotContain("OLDKEY", t, StringComparison.Ordinal));
        }

        Assert.All(harness.Host.Sent, c => Assert.DoesNotContain(TestPem.KeyLine, c.Text, StringComparison.Ordinal));
        Assert.Contains(TestPem.KeyLine, harness.Host.File(Key).Text, StringComparison.Ordinal);
        Assert.Equal("600", harness.Host.Sent.Last(c => c.File?.Path == Key).File?.Mode);
    }
}
