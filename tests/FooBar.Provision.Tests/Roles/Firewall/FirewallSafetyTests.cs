using FooBar.Provision.Roles.Base;
using FooBar.Provision.Roles.Firewall;
using FooBar.Provision.Testing;
using static FooBar.Provision.Tests.Roles.Firewall.FirewallFixture;

namespace FooBar.Provision.Tests.Roles.Firewall;

/// <summary>
/// The controller keeps SSH: a ruleset that would not accept a new connection from the controller's address (as the host
/// sees it) to the port sshd answered on is refused before anything of the host is written; nft -c guards the load;
/// a converged host is left alone.
/// </summary>
public sealed class FirewallSafetyTests
{
    [Fact]
    public async Task Converges_then_changes_nothing()
    {
        var (harness, nft) = For();
        harness.WithVariable("firewall_allow", List(Allow(3306L, "web")));

        var run = await harness.ConvergeAsync();

        run.FirstApply.AssertChanged("packages[nftables]", "directory[/etc/foobar]", "nftables[inet foobar]", "file[/etc/systemd/system/foobar-firewall.service]", "directory[/etc/systemd/system/nftables.service.d]", "file[/etc/systemd/system/nftables.service.d/foobar-firewall.conf]", "service[foobar-firewall]");
        Assert.Contains("tcp dport 3306", harness.Host.File(FirewallRole.RulesetPath).Text, StringComparison.Ordinal);
        Assert.Equal(1, nft.Loads);
        Assert.Matches("^foobar:[0-9a-f]{16}$", nft.Live);
        Assert.True(harness.Host.Service(FirewallRole.Unit).Enabled);
    }

    [Fact]
    public async Task A_new_rule_is_checked_with_nft_c_then_loaded_in_one_transaction_with_a_diff_in_the_plan()
    {
        var (harness, nft) = For();
        await harness.ApplyAsync();

        harness.WithVariable("firewall_allow", List(Allow(3306L, "web")));
        var plan = await harness.PlanAsync();
        var apply = await harness.ApplyAsync();

        plan.AssertReadOnly().AssertChanged("nftables[inet foobar]");
        Assert.Contains("+\t\tip saddr { 192.0.2.21, 192.0.2.22 } tcp dport 3306 accept", plan.Resource("nftables[inet foobar]").Diff, StringComparison.Ordinal);
        apply.AssertChanged("nftables[inet foobar]").AssertSent("nft -c -f /etc/foobar/firewall.nft.new");
        Assert.Equal(2, nft.Loads);
    }

    [Fact]
    public async Task A_table_flushed_by_hand_is_loaded_again()
    {
        var (harness, nft) = For();
        await harness.ApplyAsync();
        nft.Live = null;

        var apply = await harness.ApplyAsync();

        apply.AssertChanged("nftables[inet foobar]");
        Assert.Contains("not loaded", apply.Resource("nftables[inet foobar]").Summary, StringComparison.Ordinal);
        Assert.NotNull(nft.Live);
    }

    [Fact]
    public async Task A_table_changed_by_hand_is_loaded_again()
    {
        var (harness, nft) = For();
        await harness.ApplyAsync();
        nft.Live = "someone else's";

        var apply = await harness.ApplyAsync();

        apply.AssertChanged("nftables[inet foobar]");
        Assert.StartsWith("foobar:", nft.Live, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_nft_c_refuses_the_ruleset_the_old_one_stays_loaded_and_on_disk()
    {
        var (harness, nft) = For();
        await harness.ApplyAsync();
        var before = harness.Host.File(FirewallRole.RulesetPath).Text;
        var live = nft.Live;
        nft.CheckFails = "Error: syntax error, unexpected junk";

        var apply = await harness.WithVariable("firewall_allow", List(Allow(3306L, "web"))).ApplyAsync();

        apply.AssertFailed("nft -c refused the new ruleset").AssertFailed("unexpected junk");
        Assert.Equal(before, harness.Host.File(FirewallRole.RulesetPath).Text);
        Assert.Equal(live, nft.Live);
        Assert.False(harness.Host.Exists(FirewallRole.RulesetPath + ".new"));
    }

    [Theory]
    [InlineData("10.0.0.0/8", "192.0.2.250 50022 192.0.2.31 22", "firewall_ssh_from ([10.0.0.0/8]) does not hold 192.0.2.250")]
    [InlineData("lb", "192.0.2.250 50022 192.0.2.31 22", "firewall_ssh_from ([lb]) does not hold 192.0.2.250")]
    [InlineData("192.0.2.0/24", "2001:db8::250 50022 2001:db8::31 22", "does not hold 2001:db8::250")]
    public async Task A_ruleset_that_would_cut_the_controller_off_is_refused_in_the_plan(string sshFrom, string sshConnection, string expected)
    {
        var (harness, _) = For(sshConnection: sshConnection);
        harness.WithVariable("firewall_ssh_from", List(sshFrom));

        var plan = await harness.PlanAsync();

        plan.AssertFailed("would cut the controller off").AssertFailed(expected).AssertReadOnly();
        Assert.Equal(FooBar.Provision.Reporting.ResourceStatus.Failed, plan.Resource("nftables[inet foobar]").Status);
    }

    [Fact]
    public async Task The_refusal_names_the_rule_to_add()
    {
        var (harness, _) = For(sshConnection: "2001:db8::250 50022 2001:db8::31 22");
        harness.WithVariable("firewall_ssh_from", List("web"));

        var plan = await harness.PlanAsync();

        Assert.Contains("firewall_ssh_from: [web, 2001:db8::250/128]", plan.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ssh_on_another_port_than_sshd_answers_on_is_refused_with_the_port_to_set()
    {
        var (harness, _) = For(sshConnection: "192.0.2.250 50022 192.0.2.31 2222");

        var plan = await harness.PlanAsync();

        plan.AssertFailed("sshd answered this run on port 2222, but firewall_ssh_port is 22").AssertFailed("firewall_ssh_port: 2222");
    }

    [Fact]
    public async Task An_allow_entry_for_the_ssh_port_from_the_controller_is_enough()
    {
        var (harness, _) = For(sshConnection: "2001:db8::250 50022 2001:db8::31 22");
        harness.WithVariable("firewall_ssh_from", List("lb")).WithVariable("firewall_allow", List(Allow(22L, "2001:db8::/64")));

        var run = await harness.ConvergeAsync();

        run.FirstApply.AssertSucceeded();
    }

    [Fact]
    public async Task The_apply_refuses_before_anything_is_written_even_for_roles_listed_first()
    {
        var host = new FakeHost("db1");
        _ = new FakeNftables(host);
        var harness = new RoleHarness(host, new BaseRole(), new FirewallRole()).WithInventory(FirewallFixture.Inventory)
            .WithVariable("firewall_ssh_from", List("web"));

        var apply = await harness.ApplyAsync();

        apply.AssertFailed("would cut the controller off");
        Assert.All(apply.Sent.Skip(1), s => Assert.True(s.IsReadOnly, s.Text)); // after the opening (which takes the apply lock): probes only
        Assert.Empty(harness.Host.Packages);
        Assert.False(harness.Host.Exists("/etc/motd"));
        Assert.All(apply.Host.Resources.Where(r => r.Id != "nftables[inet foobar]"), r => Assert.Equal(FooBar.Provision.Reporting.ResourceStatus.Skipped, r.Status));
    }

    [Fact]
    public async Task Without_ssh_connection_the_host_cannot_prove_the_controller_keeps_access_and_is_refused()
    {
        var (harness, _) = For(sshConnection: "");

        var plan = await harness.PlanAsync();

        plan.AssertFailed("did not say where the controller connects from");
    }

    [Fact]
    public async Task After_a_load_a_new_connection_confirms_the_ruleset_and_disarms_the_guard()
    {
        var (harness, nft) = For();

        var apply = await harness.ApplyAsync();

        apply.AssertSucceeded().AssertSent("setsid sh -c");
        Assert.Equal(1, harness.Host.NewConnections);
        Assert.Null(nft.Guard);
        Assert.Equal(0, nft.Restores);
        Assert.Contains("a new SSH connection was opened after the load", apply.Resource("nftables[inet foobar]").Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_no_new_connection_gets_through_the_previous_ruleset_is_put_back_at_once()
    {
        var (harness, nft) = For();
        await harness.ApplyAsync();
        var before = harness.Host.File(FirewallRole.RulesetPath).Text;
        var live = nft.Live;
        harness.Host.RefusesNewConnections = true;

        var apply = await harness.WithVariable("firewall_allow", List(Allow(3306L, "web"))).ApplyAsync();

        apply.AssertFailed("a new SSH connection to the host failed").AssertFailed("the previous ruleset was loaded again");
        Assert.Equal(1, nft.Restores);
        Assert.Equal(before, harness.Host.File(FirewallRole.RulesetPath).Text);
        Assert.Equal(live, nft.Live);
    }

    [Fact]
    public async Task A_first_ruleset_that_locks_new_connections_out_is_removed_again()
    {
        var (harness, nft) = For();
        harness.Host.RefusesNewConnections = true;

        var apply = await harness.ApplyAsync();

        apply.AssertFailed("a new SSH connection to the host failed");
        Assert.Null(nft.Live);
        Assert.False(harness.Host.Exists(FirewallRole.RulesetPath));
    }

    [Fact]
    public async Task A_confirmation_that_comes_after_the_guard_fired_fails_the_host_and_the_previous_ruleset_stays()
    {
        var (harness, nft) = For();
        await harness.ApplyAsync();
        var live = nft.Live;
        nft.GuardFiresAtOnce = true;

        var apply = await harness.WithVariable("firewall_allow", List(Allow(3306L, "web"))).ApplyAsync();

        apply.AssertFailed("confirmed too late");
        Assert.Equal(live, nft.Live);
    }

    [Fact]
    public async Task Without_a_guard_the_ruleset_is_loaded_and_no_new_connection_is_opened()
    {
        var (harness, nft) = For();
        harness.WithVariable("firewall_confirm_seconds", 0L);

        var run = await harness.ConvergeAsync();

        run.FirstApply.AssertNotSent("setsid");
        Assert.Equal(0, harness.Host.NewConnections);
        Assert.Equal(1, nft.Loads);
    }

    [Fact]
    public void A_guard_shorter_than_a_connection_may_take_is_refused()
    {
        var (harness, _) = For();
        harness.WithVariable("firewall_confirm_seconds", 5L);

        var error = Assert.Throws<FooBar.Provision.Inventory.InventoryException>(() => harness.Build());

        Assert.Contains("firewall_confirm_seconds", error.Message, StringComparison.Ordinal);
    }
}
