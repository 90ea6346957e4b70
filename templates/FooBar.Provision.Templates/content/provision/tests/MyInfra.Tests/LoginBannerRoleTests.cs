using FooBar.Provision.Inventory;
using FooBar.Provision.Reporting;
using FooBar.Provision.Roles;
using FooBar.Provision.Testing;
using MyInfra.Roles.LoginBanner;

namespace MyInfra.Tests;

// The role against FooBar.Provision.Testing's fake Debian host: plan, apply and apply again, in milliseconds.
public sealed class LoginBannerRoleTests
{
    [Fact]
    public async Task Converges_a_host_then_changes_nothing()
    {
        var harness = new RoleHarness(new LoginBannerRole()).WithVariable("banner_text", "Staff only.");

        var run = await harness.ConvergeAsync(); // throws unless the plan was read-only and the second apply changed nothing

        run.FirstApply.AssertChanged("file[/etc/issue.net]", "file[/etc/ssh/sshd_config.d/login-banner.conf]").AssertHandlerRan(LoginBannerRole.ReloadSsh);
        Assert.Equal("Staff only.\n(test-host, debian 12)\n", harness.Host.File("/etc/issue.net").Text);
        Assert.Equal("# Managed by MyInfra (role login-banner): local changes are overwritten.\nBanner /etc/issue.net\n", harness.Host.File(LoginBannerRole.DropIn).Text);
        Assert.Equal(1, harness.Host.Service("ssh").Reloads);
    }

    [Fact]
    public async Task Sshd_is_not_reloaded_when_its_configuration_does_not_validate()
    {
        var harness = new RoleHarness(new LoginBannerRole());
        harness.Host.FailOn("sshd -t", standardError: "Bad configuration option: Banner");

        var run = await harness.ApplyAsync();

        run.AssertFailed();
        Assert.Equal(ResourceStatus.Failed, Assert.Single(run.Host.Handlers).Status);
        Assert.DoesNotContain("ssh", harness.Host.Services.Keys); // never reloaded
    }

    [Fact]
    public void A_relative_banner_path_is_refused_before_any_connection()
    {
        var catalog = new RoleCatalog([new LoginBannerRole()]);
        var host = new HostEntry("web1", "192.0.2.10") { Roles = ["login-banner"], Variables = new([new("banner_path", "issue.net")]) };

        var problem = Assert.Single(catalog.Validate([host]));

        Assert.Contains("banner_path", problem.Message, StringComparison.Ordinal);
    }
}
