using System.Security.Cryptography;
using System.Text;
using FooBar.Provision.Facts;
using FooBar.Provision.Resources;

namespace FooBar.Provision.Tests.Resources;

public sealed class ResourceCompareTests
{
    private static readonly PlanContext Context = new(HostFacts.Debian12);

    private static ProbeResult Probe(string output) => new(0, output);

    private static string FileProbe(string content, string meta = "644 root root") =>
        $"{meta} {content.Length}\n{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(content))).ToLowerInvariant()}\n{Convert.ToBase64String(Encoding.UTF8.GetBytes(content))}\n";

    [Fact]
    public void A_file_with_the_same_content_mode_and_owner_is_in_state()
    {
        var file = new FileResource("/etc/motd", "hello\n");

        Assert.Null(file.Compare(Probe(FileProbe("hello\n")), Context));
    }

    [Fact]
    public void A_missing_file_is_created()
    {
        var change = new FileResource("/etc/motd", "hello\n").Compare(Probe("absent\n"), Context);

        Assert.Equal(ChangeAction.Create, change?.Action);
        Assert.Contains("+hello", change?.Diff, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_with_other_content_shows_a_unified_diff_of_the_lines()
    {
        var change = new FileResource("/etc/motd", "one\ntwo\nthree\n").Compare(Probe(FileProbe("one\n2\nthree\n")), Context);

        Assert.Equal(ChangeAction.Update, change?.Action);
        Assert.Equal("--- /etc/motd (current)\n+++ /etc/motd (desired)\n@@ -1,3 +1,3 @@\n one\n-2\n+two\n three\n", change?.Diff);
    }

    [Fact]
    public void A_file_with_the_wrong_mode_only_gets_chmod_and_chown()
    {
        var change = new FileResource("/etc/motd", "hello\n", "0600").Compare(Probe(FileProbe("hello\n")), Context);

        Assert.Contains("mode 600", change?.Summary, StringComparison.Ordinal);
        Assert.Null(change?.Diff);
    }

    [Fact]
    public void Missing_packages_are_installed_in_one_command_and_recorded_as_pending()
    {
        var context = new PlanContext(HostFacts.Debian12);
        var change = new AptPackages(["nginx", "cron", "curl"]).Compare(Probe("cron install ok installed\ncurl deinstall ok config-files\ncache_age 99999\n"), context);

        Assert.Equal("install nginx, curl (after apt-get update)", change?.Summary);
        Assert.Contains("nginx", context.PendingPackages);
    }

    [Fact]
    public void Installed_packages_are_in_state()
    {
        Assert.Null(new AptPackages(["nginx"]).Compare(Probe("nginx install ok installed\ncache_age 5\n"), Context));
    }

    [Fact]
    public void A_package_name_that_is_not_a_debian_name_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new AptPackages(["nginx; rm -rf /"]));
    }

    [Fact]
    public void A_path_a_pending_package_will_create_is_planned_for_removal()
    {
        var context = new PlanContext(HostFacts.Debian12);
        context.AddPendingPackages(["nginx"]);
        var absent = new AbsentResource("/etc/nginx/sites-enabled/default") { InstalledBy = "nginx" };

        Assert.Equal("remove /etc/nginx/sites-enabled/default (installed by nginx)", absent.Compare(Probe("absent\n"), context)?.Summary);
        Assert.Null(absent.Compare(Probe("absent\n"), Context));
    }

    [Fact]
    public void A_symlink_to_another_target_is_switched()
    {
        var link = new SymlinkResource("/srv/app/current", "/srv/app/releases/b");

        Assert.Null(link.Compare(Probe("link /srv/app/releases/b\n"), Context));
        Assert.Equal("link /srv/app/current -> /srv/app/releases/b (was /srv/app/releases/a)", link.Compare(Probe("link /srv/app/releases/a\n"), Context)?.Summary);
    }

    [Fact]
    public void A_stopped_service_is_started_and_enabled()
    {
        var change = new ServiceResource("nginx").Compare(Probe("active inactive\nenabled disabled\n"), Context);

        Assert.Equal("enable and start service nginx", change?.Summary);
        Assert.Null(new ServiceResource("nginx").Compare(Probe("active active\nenabled enabled\n"), Context));
    }

    [Fact]
    public void Only_a_start_satisfies_the_restart_handlers_not_an_enable_alone()
    {
        var service = new ServiceResource("mariadb") { StartSatisfies = ["restart mariadb"] };

        Assert.Equal(["restart mariadb"], service.Compare(Probe("active inactive\nenabled enabled\n"), Context)?.Satisfies);
        Assert.Empty(service.Compare(Probe("active active\nenabled disabled\n"), Context)?.Satisfies ?? ["not empty"]);
    }

    [Fact]
    public void A_command_runs_only_when_its_guard_says_so()
    {
        var command = new CommandResource("load schema", $"mysql foobar") { Creates = "/var/lib/x.applied" };

        Assert.Null(command.Compare(Probe("done\n"), Context));
        Assert.Equal("run load schema", command.Compare(Probe("todo\n"), Context)?.Summary);
        Assert.Throws<InvalidOperationException>(() => new CommandResource("unguarded", $"true").ProbeScript);
    }

    [Fact]
    public void A_directory_with_the_wrong_owner_is_fixed()
    {
        var directory = new DirectoryResource("/srv/app", "0750", "app", "app");

        Assert.Null(directory.Compare(Probe("750 app app\n"), Context));
        Assert.Contains("was 755 root root", directory.Compare(Probe("755 root root\n"), Context)?.Summary, StringComparison.Ordinal);
    }
}
