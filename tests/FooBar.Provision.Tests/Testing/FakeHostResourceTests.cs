using FooBar.Provision.Planning;
using FooBar.Provision.Resources;
using FooBar.Provision.Testing;
using FooBar.Provision.Tests.Planning;
using FooBar.Provision.Transport;

namespace FooBar.Provision.Tests.Testing;

/// <summary>
/// Every built-in resource converges on the fake host and stays converged: the fake host understands the real probe and
/// apply scripts, so a change to one of them that the fake host no longer follows fails here first.
/// </summary>
public sealed class FakeHostResourceTests
{
    [Fact]
    public async Task A_file_is_written_with_its_mode_and_owner_and_a_changed_one_is_put_back()
    {
        var harness = Harness(new FileResource("/etc/motd", "hello\n", "0640", "root", "adm"));

        await harness.ConvergeAsync();
        harness.Host.WithFile("/etc/motd", "edited by hand\n", "640", "root", "adm");
        var plan = await harness.PlanAsync();

        Assert.Equal(new FakeFile("/etc/motd", harness.Host.File("/etc/motd").Content, "640", "root", "adm"), harness.Host.File("/etc/motd"));
        Assert.Contains("-edited by hand", plan.AssertChanged("file[/etc/motd]").Resource("file[/etc/motd]").Diff, StringComparison.Ordinal);
        await harness.ApplyAsync();
        Assert.Equal("hello\n", harness.Host.File("/etc/motd").Text);
    }

    [Fact]
    public async Task A_file_whose_mode_drifted_gets_chmod_and_chown_only()
    {
        var harness = Harness(new FileResource("/etc/motd", "hello\n", "0600", "www-data", "www-data"));
        await harness.ConvergeAsync();
        harness.Host.WithFile("/etc/motd", "hello\n", "644");

        var apply = await harness.ApplyAsync();

        apply.AssertChanged("file[/etc/motd]").AssertSent("chmod 600 /etc/motd");
        Assert.DoesNotContain(apply.Sent, c => c.File is not null);
        Assert.Equal(("600", "www-data"), (harness.Host.File("/etc/motd").Mode, harness.Host.File("/etc/motd").Owner));
    }

    [Fact]
    public async Task A_directory_converges_and_a_mode_change_is_applied()
    {
        var harness = Harness(new DirectoryResource("/srv/app", "0750", "www-data", "www-data"));

        await harness.ConvergeAsync();

        Assert.Equal(new FakeDirectory("/srv/app", "750", "www-data", "www-data"), harness.Host.Directories["/srv/app"]);
    }

    [Fact]
    public async Task A_symlink_is_switched_to_its_target()
    {
        var harness = Harness(new SymlinkResource("/srv/app/current", "/srv/app/releases/2"));
        harness.Host.WithSymlink("/srv/app/current", "/srv/app/releases/1");

        var converged = await harness.ConvergeAsync();

        Assert.Contains("was /srv/app/releases/1", converged.FirstApply.Resource("symlink[/srv/app/current]").Summary, StringComparison.Ordinal);
        Assert.Equal("/srv/app/releases/2", harness.Host.Symlinks["/srv/app/current"]);
    }

    [Fact]
    public async Task An_absent_path_is_removed_with_everything_under_it()
    {
        var harness = Harness(new AbsentResource("/etc/nginx/sites-enabled"));
        harness.Host.WithFile("/etc/nginx/sites-enabled/a", "a").WithSymlink("/etc/nginx/sites-enabled/b", "/b").WithFile("/etc/nginx/nginx.conf", "x");

        await harness.ConvergeAsync();

        Assert.False(harness.Host.Exists("/etc/nginx/sites-enabled"));
        Assert.True(harness.Host.Exists("/etc/nginx/nginx.conf"));
    }

    [Fact]
    public async Task Packages_are_installed_in_one_command_and_their_install_effects_happen()
    {
        var harness = Harness(new AptPackages(["nginx", "curl"]));
        harness.Host.WithPackages("curl").WhenInstalled("nginx", h => h.WithService("nginx", running: false));

        var converged = await harness.ConvergeAsync();

        converged.FirstApply.AssertChanged("packages[nginx,curl]").AssertSent("fb_apt install");
        Assert.Contains("install nginx", converged.Plan.Resource("packages[nginx,curl]").Summary, StringComparison.Ordinal);
        Assert.Equal(["curl", "nginx"], harness.Host.Packages);
        Assert.False(harness.Host.Service("nginx").Running);
    }

    [Fact]
    public async Task A_service_is_started_once_and_enabled()
    {
        var harness = Harness(new ServiceResource("nginx"));
        harness.Host.WithService("nginx", running: false, enabled: false);

        await harness.ConvergeAsync();

        Assert.Equal(new FakeService("nginx", true, true) { Starts = 1 }, harness.Host.Service("nginx"));
    }

    [Fact]
    public async Task Services_whose_probes_share_a_systemctl_start_converge_too()
    {
        var harness = Harness(new ServiceResource("nginx"), new ServiceResource("mariadb", running: false, enabled: false));
        harness.Host.WithService("nginx", running: false).WithService("mariadb");

        var converged = await harness.ConvergeAsync();

        converged.FirstApply.AssertChanged("service[nginx]", "service[mariadb]");
        Assert.Equal((true, false), (harness.Host.Service("nginx").Running, harness.Host.Service("mariadb").Running));
    }

    [Fact]
    public async Task A_user_and_its_group_are_created_and_a_changed_shell_is_updated()
    {
        var harness = Harness(new GroupResource("app"), new UserResource("app", "app", "/srv/app"));
        await harness.ConvergeAsync();
        harness.Host.WithUser("app", "app", "/srv/app", "/bin/bash");

        var apply = await harness.ApplyAsync();

        apply.AssertChanged("user[app]").AssertSent("usermod --shell /usr/sbin/nologin app");
        Assert.Equal(new FakeUser("app", "app", "/srv/app", "/usr/sbin/nologin"), harness.Host.User("app"));
        Assert.Contains("app", harness.Host.Groups);
    }

    [Fact]
    public async Task A_command_guarded_by_creates_runs_once_when_the_host_is_taught_what_it_does()
    {
        var harness = Harness(new CommandResource("init db", $"/usr/local/bin/init-db") { Creates = "/var/lib/app/.initialised" });
        harness.Host.OnCommand("/usr/local/bin/init-db", (host, _) =>
        {
            host.WithFile("/var/lib/app/.initialised", "");
            return new CommandResult(0, "", "");
        });

        var converged = await harness.ConvergeAsync();

        converged.FirstApply.AssertChanged("command[init db]");
        Assert.Single(harness.Host.Sent, c => c.Text == "/usr/local/bin/init-db");
    }

    [Fact]
    public async Task A_command_guarded_by_unless_asks_the_taught_check()
    {
        var enabled = false;
        var harness = Harness(new CommandResource("enable module", $"a2enmod rewrite") { Unless = $"a2query -m rewrite" });
        harness.Host
            .OnCommand("a2query -m rewrite", (_, _) => new CommandResult(enabled ? 0 : 1, "", ""))
            .OnCommand("a2enmod rewrite", (_, _) =>
            {
                enabled = true;
                return new CommandResult(0, "", "");
            });

        await harness.ConvergeAsync();

        Assert.True(enabled);
    }

    private static RoleHarness Harness(params Resource[] resources) => new(new TestRole("kit", resources));
}
