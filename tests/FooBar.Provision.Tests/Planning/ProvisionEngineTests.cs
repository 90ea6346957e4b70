using FooBar.Provision.Planning;
using FooBar.Provision.Reporting;
using FooBar.Provision.Resources;
using FooBar.Provision.Variables;
using static FooBar.Provision.Tests.Planning.EngineTestKit;

namespace FooBar.Provision.Tests.Planning;

public sealed class ProvisionEngineTests
{
    [Fact]
    public async Task Plan_lists_each_pending_change_with_its_diff_and_changes_nothing()
    {
        var host = new FakeHost("web1");
        var role = new TestRole("r", [new TestResource("a", "1"), new TestResource("b", "2")]);

        var report = await RunAsync(role, host, dryRun: true);

        var hostReport = Assert.Single(report.Hosts);
        Assert.Equal(HostStatus.Pending, hostReport.Status);
        Assert.Equal(["set a to 1", "set b to 2"], hostReport.Resources.Select(r => r.Summary));
        Assert.All(hostReport.Resources, r => Assert.Equal(ResourceStatus.Pending, r.Status));
        Assert.Equal("-absent\n+1\n", hostReport.Resources[0].Diff);
        Assert.Empty(host.State);
        Assert.All(host.Sent, c => Assert.True(c.IsReadOnly));
        Assert.Equal(ExitCodes.ChangesPending, report.ExitCode);
    }

    [Fact]
    public async Task Apply_makes_the_changes_and_a_second_apply_changes_nothing()
    {
        var host = new FakeHost("web1");
        var role = new TestRole("r", [new TestResource("a", "1"), new TestResource("b", "2")]);

        var first = await RunAsync(role, host);
        var second = await RunAsync(role, host);

        Assert.Equal(2, first.Hosts[0].ChangedCount);
        Assert.Equal(HostStatus.Changed, first.Hosts[0].Status);
        Assert.Equal("1", host.State["a"]);
        Assert.Equal(0, second.Hosts[0].ChangedCount);
        Assert.Equal(HostStatus.Ok, second.Hosts[0].Status);
        Assert.Equal(ExitCodes.Success, second.ExitCode);
    }

    [Fact]
    public async Task A_converged_host_costs_two_round_trips_facts_and_one_probe_batch()
    {
        var host = new FakeHost("web1");
        host.State["a"] = "1";
        host.State["b"] = "2";
        var role = new TestRole("r", [new TestResource("a", "1"), new TestResource("b", "2")]);

        var report = await RunAsync(role, host);

        Assert.Equal(2, report.Hosts[0].RoundTrips);
        Assert.Equal(2, report.Hosts[0].OkCount);
    }

    [Fact]
    public async Task A_failing_resource_fails_the_host_and_skips_the_rest()
    {
        var host = new FakeHost("web1");
        host.FailingCommands["set-state b"] = 1;
        var role = new TestRole("r", [new TestResource("a", "1"), new TestResource("b", "2"), new TestResource("c", "3")]);

        var report = await RunAsync(role, host);

        var resources = report.Hosts[0].Resources;
        Assert.Equal([ResourceStatus.Changed, ResourceStatus.Failed, ResourceStatus.Skipped], resources.Select(r => r.Status));
        Assert.Contains("exit 1", resources[1].Error, StringComparison.Ordinal);
        Assert.Equal(HostStatus.Failed, report.Hosts[0].Status);
        Assert.False(host.State.ContainsKey("c"));
        Assert.Equal(ExitCodes.HostFailed, report.ExitCode);
    }

    [Fact]
    public async Task A_handler_notified_by_several_changes_runs_once_at_the_end()
    {
        var host = new FakeHost("web1");
        var role = new TestRole("r",
            [new TestResource("a", "1") { Notify = ["reload"] }, new TestResource("b", "2") { Notify = ["reload"] }],
            [new Handler("reload", $"set-state reloaded yes")]);

        var report = await RunAsync(role, host);

        Assert.Single(report.Hosts[0].Handlers);
        Assert.Equal(1, host.Sent.Count(c => c.Script.Contains("set-state reloaded", StringComparison.Ordinal)));
        Assert.Equal("yes", host.State["reloaded"]);
    }

    [Fact]
    public async Task Handlers_notified_before_a_failure_still_run_so_the_landed_change_takes_effect()
    {
        var host = new FakeHost("web1");
        host.FailingCommands["set-state b"] = 1;
        var role = new TestRole("r",
            [new TestResource("a", "1") { Notify = ["reload"] }, new TestResource("b", "2")],
            [new Handler("reload", $"set-state reloaded yes")]);

        var report = await RunAsync(role, host);

        Assert.Equal(HostStatus.Failed, report.Hosts[0].Status);
        Assert.Equal("yes", host.State["reloaded"]);
        Assert.Equal(ResourceStatus.Changed, Assert.Single(report.Hosts[0].Handlers).Status);
    }

    [Fact]
    public async Task A_handler_covered_by_another_notified_one_is_skipped()
    {
        var host = new FakeHost("web1");
        var role = new TestRole("r",
            [new TestResource("unit", "1") { Notify = ["restart app"] }, new TestResource("release", "2") { Notify = ["reload app"] }],
            [new Handler("restart app", $"set-state restarted yes") { Covers = ["reload app"] }, new Handler("reload app", $"set-state reloaded yes")]);

        var report = await RunAsync(role, host);

        Assert.Equal("restart app", Assert.Single(report.Hosts[0].Handlers).Name);
        Assert.False(host.State.ContainsKey("reloaded"));
    }

    [Fact]
    public async Task Starting_a_service_drops_the_restart_its_earlier_configuration_change_notified()
    {
        var host = new FakeHost("web1");
        var role = new TestRole("r",
            [new TestResource("config", "1") { Notify = ["restart db"] }, new StartingService("db") { StartSatisfies = ["restart db"] }],
            [new Handler("restart db", $"set-state restarted yes")]);

        var report = await RunAsync(role, host);

        Assert.Empty(report.Hosts[0].Handlers);
        Assert.False(host.State.ContainsKey("restarted"));
    }

    [Fact]
    public async Task A_handler_is_not_run_when_nothing_notified_it()
    {
        var host = new FakeHost("web1");
        host.State["a"] = "1";
        var role = new TestRole("r", [new TestResource("a", "1") { Notify = ["reload"] }], [new Handler("reload", $"set-state reloaded yes")]);

        var report = await RunAsync(role, host);

        Assert.Empty(report.Hosts[0].Handlers);
        Assert.False(host.State.ContainsKey("reloaded"));
    }

    [Fact]
    public async Task A_failed_validation_puts_the_guarded_files_back_and_fails_the_host()
    {
        var host = new FakeHost("web1");
        host.FailingCommands["validate-config"] = 97;
        var role = new TestRole("r",
            [new FileResource("/etc/app/site.conf", "broken;") { Notify = ["reload app"] }],
            [new Handler("reload app", $"set-state reloaded yes") { ValidateScript = $"validate-config" }]);

        var report = await RunAsync(role, host);

        var hostReport = report.Hosts[0];
        Assert.Equal(HostStatus.Failed, hostReport.Status);
        Assert.Equal(ResourceStatus.Failed, Assert.Single(hostReport.Handlers).Status);
        Assert.Contains("validation failed", hostReport.Error, StringComparison.Ordinal);
        Assert.Contains(host.Sent, c => c.Script.Contains("rm -f /etc/app/site.conf", StringComparison.Ordinal));
        Assert.False(host.State.ContainsKey("reloaded"));
    }

    [Fact]
    public async Task After_a_change_that_stales_probes_the_rest_is_probed_again_before_acting()
    {
        var host = new FakeHost("web1");
        host.SideEffects["pkg"] = KeyValuePair.Create("conf", "packaged");
        var role = new TestRole("r", [new TestResource("pkg", "installed", stales: true), new TestResource("conf", "packaged")]);

        var report = await RunAsync(role, host);

        Assert.Equal([ResourceStatus.Changed, ResourceStatus.Ok], report.Hosts[0].Resources.Select(r => r.Status));
        Assert.Equal(2, host.Sent.Count(c => c.IsReadOnly && c.Script.Contains("@@fbp-", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_host_that_cannot_be_reached_does_not_stop_the_other_hosts()
    {
        var good = new FakeHost("web1");
        var bad = new FakeHost("web2") { Unreachable = true };
        var role = new TestRole("r", [new TestResource("a", "1")]);

        var report = await RunAsync([role], [(Host("web1", "r"), good), (Host("web2", "r"), bad)]);

        Assert.Equal(HostStatus.Changed, report.Hosts.Single(h => h.Host == "web1").Status);
        var failed = report.Hosts.Single(h => h.Host == "web2");
        Assert.Equal(HostStatus.Unreachable, failed.Status);
        Assert.Contains("connection refused", failed.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.HostFailed, report.ExitCode);
    }

    [Fact]
    public async Task Secret_values_are_masked_in_diffs_and_summaries()
    {
        var host = new FakeHost("web1");
        var role = new TestRole("r", [new FileResource("/etc/app/db.ini", "password = hunter2-s3cret\n")]);
        var entry = Host("web1", "r").WithVariables(("db_password", new SecretValue("env:DB", "hunter2-s3cret")));

        var report = await RunAsync([role], [(entry, host)], dryRun: true);

        var diff = report.Hosts[0].Resources[0].Diff ?? "";
        Assert.Contains("+password = ********", diff, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", diff, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Packages_of_all_roles_go_out_in_one_install()
    {
        var host = new FakeHost("web1");
        var first = new TestRole("one", [new AptPackages(["nginx"])]);
        var second = new TestRole("two", [new AptPackages(["mariadb-server", "nginx"])]);

        var report = await RunAsync([first, second], [(Host("web1", "one", "two"), host)], dryRun: true);

        var resource = Assert.Single(report.Hosts[0].Resources);
        Assert.Equal("packages[nginx,mariadb-server]", resource.Id);
    }

    [Fact]
    public async Task A_rotated_secret_never_shows_its_old_value_in_a_diff()
    {
        var host = new FakeHost("web1");
        host.State["file:/etc/app/db.ini"] = "password = 0ld-Passw0rd\n";
        var role = new TestRole("r", [new FileResource("/etc/app/db.ini", "password = n3w-Passw0rd\nport = 3306\n")]);
        var entry = Host("web1", "r").WithVariables(("db_password", new SecretValue("env:DB", "n3w-Passw0rd")));

        var report = await RunAsync([role], [(entry, host)], dryRun: true);

        var diff = report.Hosts[0].Resources[0].Diff ?? "";
        Assert.DoesNotContain("0ld-Passw0rd", diff, StringComparison.Ordinal);
        Assert.DoesNotContain("n3w-Passw0rd", diff, StringComparison.Ordinal);
        Assert.Contains("+password = ********", diff, StringComparison.Ordinal);
        Assert.Contains("+port = 3306", diff, StringComparison.Ordinal);
        Assert.Contains("-(line not shown: this file holds secrets)", diff, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("n3w-Passw0rd")] // rotated
    [InlineData("0ld-Passw0rd")] // kept, while another line changes
    public async Task A_password_written_in_clear_is_masked_like_a_secret_and_hides_the_old_one(string password)
    {
        // db_password given with --var (or in clear in the inventory) while the host's file holds the one a { file }
        // secret set before: neither shows, in a plan or in an apply.
        foreach (var dryRun in new[] { true, false })
        {
            var host = new FakeHost("web1");
            host.State["file:/etc/app/db.ini"] = "password = 0ld-Passw0rd\nport = 3306\n";
            var role = new TestRole("r", [new FileResource("/etc/app/db.ini", $"password = {password}\nport = 3307\n")])
            {
                VariableDeclarations = [new VariableDeclaration("db_password", VariableRules.Line, "a password") { Secret = SecretUse.Preferred }],
            };
            var entry = Host("web1", "r").WithVariables(("db_password", password));

            var report = await RunAsync([role], [(entry, host)], dryRun: dryRun);

            var resource = Assert.Single(report.Hosts[0].Resources);
            var shown = resource.Summary + "\n" + resource.Diff;
            Assert.DoesNotContain("0ld-Passw0rd", shown, StringComparison.Ordinal);
            Assert.DoesNotContain("n3w-Passw0rd", shown, StringComparison.Ordinal);
            Assert.Contains(password == "n3w-Passw0rd" ? "+password = ********" : " password = ********", shown, StringComparison.Ordinal);
            Assert.Contains("+port = 3307", shown, StringComparison.Ordinal);
            Assert.Contains("-(line not shown: this file holds secrets)", shown, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_plain_value_of_a_variable_that_may_be_a_secret_still_shows()
    {
        // Only SecretUse.Preferred masks a plain value: a message of the day (SecretUse.Allowed) is shown as written.
        var host = new FakeHost("web1");
        var role = new TestRole("r", [new FileResource("/etc/motd", "Maintenance tonight\n")])
        {
            VariableDeclarations = [new VariableDeclaration("motd_message", VariableRules.Line, "the message")],
        };
        var entry = Host("web1", "r").WithVariables(("motd_message", "Maintenance tonight"));

        var report = await RunAsync([role], [(entry, host)], dryRun: true);

        Assert.Contains("+Maintenance tonight", report.Hosts[0].Resources[0].Diff, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sensitive_file_is_never_read_back_nor_shown()
    {
        var key = new FileResource("/etc/nginx/tls/site.key", "-----BEGIN PRIVATE KEY-----\nabc\n", "0600") { Sensitive = true };

        var change = key.Compare(new ProbeResult(0, "600 root root 10\n0000\n"), new PlanContext(FakeHost.Facts));

        Assert.DoesNotContain("base64", key.ProbeScript.Text, StringComparison.Ordinal);
        Assert.StartsWith("(sensitive content", change?.Diff, StringComparison.Ordinal);
    }
}
