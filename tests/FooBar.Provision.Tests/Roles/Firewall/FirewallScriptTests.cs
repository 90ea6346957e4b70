using System.Diagnostics;
using FooBar.Provision.Resources;
using FooBar.Provision.Roles.Firewall;
using FooBar.Provision.Tests.Inventory;
using FooBar.Provision.Tests.Transport;
using FooBar.Provision.Transport;
using FooBar.Provision.Variables;

namespace FooBar.Provision.Tests.Roles.Firewall;

/// <summary>
/// The firewall resource's scripts run for real by /bin/sh against a fake <c>nft</c> (which keeps "the loaded table" in a
/// file): the probe, the checked load, the guard that puts the previous ruleset back unless it is disarmed in time.
/// </summary>
public sealed class FirewallScriptTests : IDisposable
{
    private const string FakeNft = """
        #!/bin/sh
        echo "$*" >> "$FAKE_NFT.log"
        case "$1" in
          -c) if grep -q BAD "$3"; then echo "Error: syntax error, unexpected BAD" >&2; exit 1; fi ;;
          -f) cp "$2" "$FAKE_NFT" ;;
          list) [ -f "$FAKE_NFT" ] || exit 1; cat "$FAKE_NFT" ;;
          delete) rm -f "$FAKE_NFT" ;;
        esac
        """;

    private readonly TempDirectory _directory = new();
    private readonly string _live;

    public FirewallScriptTests()
    {
        var bin = Path.Combine(_directory.Path, "bin");
        Directory.CreateDirectory(bin);
        File.WriteAllText(Path.Combine(bin, "nft"), FakeNft.ReplaceLineEndings("\n") + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Path.Combine(bin, "nft"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        _live = Path.Combine(_directory.Path, "live");
    }

    private string Ruleset => Path.Combine(_directory.Path, "firewall.nft");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void The_probe_reports_the_controller_the_file_and_the_table()
    {
        var resource = Resource("table inet foobar {\n\tcomment \"foobar:1234\"\n}\n");

        var absent = Run(resource.ProbeScript, ssh: "10.99.3.1 40000 10.99.3.2 22");
        File.WriteAllText(Ruleset, "old\n");
        File.WriteAllText(_live, "table inet foobar {\n\tcomment \"foobar:abcd\"\n\tchain input {\n\t}\n}\n");
        var present = Run(resource.ProbeScript, ssh: "10.99.3.1 40000 10.99.3.2 22");

        Assert.Equal("ssh 10.99.3.1 40000 10.99.3.2 22\nfile absent\nlive absent\n", absent.Output);
        Assert.Contains("\ncontent b2xkCg==\n", present.Output, StringComparison.Ordinal);
        Assert.EndsWith("\nlive foobar:abcd\n", present.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_probe_finds_ssh_connection_in_a_parent_when_its_own_environment_lost_it()
    {
        var resource = Resource("x\n");

        // As sudo does: the parent keeps SSH_CONNECTION, the command's environment does not have it.
        var result = Run($"sh -c {"unset SSH_CONNECTION; " + resource.ProbeScript.Text}\nexit $?", ssh: "2001:db8::1 40000 2001:db8::2 2222");

        Assert.StartsWith("ssh 2001:db8::1 40000 2001:db8::2 2222\n", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refused_ruleset_leaves_the_old_file_and_table()
    {
        var resource = Resource("BAD\n");
        File.WriteAllText(Ruleset, "old\n");
        File.WriteAllText(_live, "old live\n");
        File.WriteAllText(resource.NewPath, "BAD\n");

        var result = Run(resource.LoadScript("0123456789abcdef"));

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("unexpected BAD", result.Error, StringComparison.Ordinal);
        Assert.Equal("old\n", File.ReadAllText(Ruleset));
        Assert.Equal("old live\n", File.ReadAllText(_live));
        Assert.False(File.Exists(resource.NewPath));
        Assert.False(File.Exists(Ruleset + ".guard"));
    }

    [Fact]
    public void A_confirmed_load_keeps_the_new_ruleset_and_disarms_the_guard()
    {
        var resource = Resource("new\n", confirmSeconds: 3);
        File.WriteAllText(Ruleset, "old\n");
        File.WriteAllText(_live, "old live\n");
        File.WriteAllText(resource.NewPath, "new\n");

        var load = Run(resource.LoadScript("0123456789abcdef"));
        var disarm = Run(resource.DisarmScript("0123456789abcdef"));
        Thread.Sleep(TimeSpan.FromSeconds(4));

        Assert.Equal(0, load.ExitCode);
        Assert.Equal("confirmed\n", disarm.Output);
        Assert.Equal("new\n", File.ReadAllText(Ruleset));
        Assert.Equal("new\n", File.ReadAllText(_live));
        Assert.All(new[] { ".new", ".guard", ".previous", ".restore" }, suffix => Assert.False(File.Exists(Ruleset + suffix), suffix));
    }

    [Fact]
    public void An_unconfirmed_load_is_undone_by_the_guard_when_its_time_is_up()
    {
        var resource = Resource("new\n", confirmSeconds: 1);
        File.WriteAllText(Ruleset, "old\n");
        File.WriteAllText(_live, "old live\n");
        File.WriteAllText(resource.NewPath, "new\n");

        var load = Run(resource.LoadScript("0123456789abcdef"));
        Assert.Equal("new\n", File.ReadAllText(_live));
        var waited = Stopwatch.StartNew();
        while (File.Exists(Ruleset + ".guard") && waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            Thread.Sleep(100);
        }

        Thread.Sleep(300);
        Assert.Equal(0, load.ExitCode);
        Assert.Equal("old\n", File.ReadAllText(Ruleset));
        Assert.Equal("table inet foobar {}\ndelete table inet foobar\nold live\n", File.ReadAllText(_live));
        Assert.Equal("", Run(resource.DisarmScript("0123456789abcdef")).Output);
    }

    [Fact]
    public void The_guard_of_a_first_ruleset_removes_the_table_and_the_file()
    {
        var resource = Resource("new\n", confirmSeconds: 3);
        File.WriteAllText(resource.NewPath, "new\n");
        Run(resource.LoadScript("0123456789abcdef"));

        var restore = Run(resource.RestoreScript("0123456789abcdef"));

        Assert.Equal("restored\n", restore.Output);
        Assert.False(File.Exists(Ruleset));
        Assert.Equal("table inet foobar {}\ndelete table inet foobar\n", File.ReadAllText(_live));
    }

    [Fact]
    public void Another_loads_guard_does_not_undo_this_one()
    {
        var resource = Resource("new\n", confirmSeconds: 3);
        File.WriteAllText(resource.NewPath, "new\n");
        Run(resource.LoadScript("0123456789abcdef"));

        var stale = Run(resource.RestoreScript("fedcba9876543210"));

        Assert.Equal("", stale.Output);
        Assert.Equal("new\n", File.ReadAllText(Ruleset));
        Assert.Equal("confirmed\n", Run(resource.DisarmScript("0123456789abcdef")).Output);
    }

    private NftRulesetResource Resource(string content, long confirmSeconds = 30)
    {
        var policy = FirewallPolicy.From(new VariableSet(new FirewallRole().Defaults), _ => null, new List<VariableProblem>());
        return new NftRulesetResource(Ruleset, content, null, policy, confirmSeconds);
    }

    private (int ExitCode, string Output, string Error) Run(ShellScript script, string ssh = "") =>
        LocalProcess.Shell(script.Text, new Dictionary<string, string>
        {
            ["PATH"] = Path.Combine(_directory.Path, "bin") + ":" + Environment.GetEnvironmentVariable("PATH"),
            ["FAKE_NFT"] = _live,
            ["SSH_CONNECTION"] = ssh,
        });
}
