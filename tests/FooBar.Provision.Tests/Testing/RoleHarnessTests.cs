using FooBar.Provision.Inventory;
using FooBar.Provision.Planning;
using FooBar.Provision.Resources;
using FooBar.Provision.Roles;
using FooBar.Provision.Testing;
using FooBar.Provision.Tests.Planning;
using FooBar.Provision.Transport;
using FooBar.Provision.Variables;

namespace FooBar.Provision.Tests.Testing;

/// <summary>The harness's checks fail when a role is wrong, with a message that says what and where.</summary>
public sealed class RoleHarnessTests
{
    [Fact]
    public async Task A_role_that_changes_something_on_every_apply_is_not_idempotent()
    {
        // The command's guard looks for a file its script never creates: it runs on every apply.
        var harness = new RoleHarness(new TestRole("broken", [new CommandResource("touch it", $"touch /tmp/other") { Creates = "/tmp/marker" }]));

        var failure = await Assert.ThrowsAsync<RoleAssertionException>(() => harness.ConvergeAsync());

        Assert.Contains("not idempotent", failure.Message, StringComparison.Ordinal);
        Assert.Contains("command[touch it]", failure.Message, StringComparison.Ordinal);
        Assert.Contains("'test-host'", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_apply_that_changes_what_the_plan_did_not_list_fails_the_converge()
    {
        // The guard says "done" to the plan, then "todo" until the command ran: the apply does what the plan never showed.
        var probes = 0;
        var ran = false;
        var harness = new RoleHarness(new TestRole("sneaky", [new CommandResource("sneak", $"sneak-in") { Unless = $"sneaked" }]));
        harness.Host
            .OnCommand("sneaked", (_, _) => new CommandResult(++probes == 1 || ran ? 0 : 1, "", ""))
            .OnCommand("sneak-in", (_, _) =>
            {
                ran = true;
                return new CommandResult(0, "", "");
            });

        var failure = await Assert.ThrowsAsync<RoleAssertionException>(() => harness.ConvergeAsync());

        Assert.StartsWith("the apply on host 'test-host' changed what the plan did not list: command[sneak]", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_plan_sends_only_read_only_commands_and_changes_nothing()
    {
        var harness = new RoleHarness(new TestRole("motd", [new FileResource("/etc/motd", "hi\n"), new AptPackages(["cowsay"])]));

        var plan = await harness.PlanAsync();

        plan.AssertReadOnly().AssertChanged("file[/etc/motd]", "packages[cowsay]");
        Assert.Empty(harness.Host.Files);
        Assert.Empty(harness.Host.Packages);
    }

    [Fact]
    public async Task An_apply_is_not_read_only_and_the_assertion_names_what_was_written()
    {
        var harness = new RoleHarness(new TestRole("motd", [new FileResource("/etc/motd", "hi\n")]));

        var apply = await harness.ApplyAsync();

        var failure = Assert.Throws<RoleAssertionException>(() => apply.AssertReadOnly());
        Assert.Contains("write /etc/motd", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_validation_puts_the_previous_file_back_and_the_handler_never_runs()
    {
        var harness = new RoleHarness(new TestRole("web", [new FileResource("/etc/web.conf", "v2\n") { Notify = ["reload web"] }], [new Handler("reload web", $"systemctl reload web") { ValidateScript = $"web -t" }]));
        harness.Host.WithFile("/etc/web.conf", "v1\n").WithService("web").FailOn("web -t", 1, "web.conf:1: unknown directive");

        var apply = await harness.ApplyAsync();

        apply.AssertFailed("unknown directive");
        Assert.Equal("v1\n", harness.Host.File("/etc/web.conf").Text);
        Assert.Equal(0, harness.Host.Service("web").Reloads);
    }

    [Fact]
    public async Task A_handler_runs_once_for_two_changed_files()
    {
        var files = new[] { new FileResource("/etc/a", "a") { Notify = ["reload web"] }, new FileResource("/etc/b", "b") { Notify = ["reload web"] } };
        var harness = new RoleHarness(new TestRole("web", files, [new Handler("reload web", $"systemctl reload web")]));

        var converged = await harness.ConvergeAsync();

        converged.FirstApply.AssertHandlerRan("reload web");
        Assert.Equal(1, harness.Host.Service("web").Reloads);
    }

    [Fact]
    public async Task A_probe_the_fake_host_has_no_model_of_fails_with_how_to_teach_it()
    {
        var harness = new RoleHarness(new TestRole("custom", [new TestResource("colour", "blue")]));

        var failure = await Assert.ThrowsAsync<NotSupportedException>(() => harness.PlanAsync());

        Assert.Contains("get-state colour", failure.Message, StringComparison.Ordinal);
        Assert.Contains("host.OnCommand(", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_variable_fails_before_the_host_is_contacted()
    {
        var harness = new RoleHarness(new PortRole()).WithVariable("port", "eighty");

        await Assert.ThrowsAsync<InventoryException>(() => harness.PlanAsync());
        Assert.Throws<InventoryException>(() => harness.Build());
        Assert.Empty(harness.Host.Sent);
    }

    [Fact]
    public async Task Typed_variables_reach_the_role_and_secrets_stay_out_of_commands_and_reports()
    {
        var harness = new RoleHarness(new PortRole()).WithVariable("port", 8080).WithSecret("token", "t0ps3cret-value");

        var converged = await harness.ConvergeAsync();

        Assert.Equal("port=8080\ntoken=t0ps3cret-value\n", harness.Host.File("/etc/app.conf").Text);
        converged.FirstApply.AssertNotSent("t0ps3cret-value");
        Assert.DoesNotContain("t0ps3cret-value", converged.Plan.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_on_the_host_names_the_files_there_are()
    {
        var host = new FooBar.Provision.Testing.FakeHost("web").WithFile("/etc/a", "a");

        var failure = Assert.Throws<RoleAssertionException>(() => host.File("/etc/b"));

        Assert.Equal("host 'web' has no file /etc/b; its files: /etc/a", failure.Message);
    }

    private sealed class PortRole : IRole
    {
        public string Name => "port";

        public IReadOnlyList<VariableDeclaration> VariableDeclarations { get; } =
        [
            new("port", VariableRules.Port, "the port") { Default = 80L },
            new("token", VariableRules.Line, "a token") { Secret = SecretUse.Allowed, Default = "" },
        ];

        public IReadOnlyDictionary<string, object?> Defaults => VariableDeclarations.ToDictionary(d => d.Name, d => d.Default);

        public IReadOnlyList<string> RequiredVariables => [];

        public void Build(RoleContext context, RoleBuilder builder) =>
            builder.Add(new FileResource("/etc/app.conf", $"port={context.Variables.GetInt("port")}\ntoken={(context.Variables["token"] is SecretValue s ? s.Reveal() : context.Variables.GetString("token"))}\n", "0600"));
    }
}
