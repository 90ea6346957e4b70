using System.Collections.Concurrent;
using System.ComponentModel;
using FooBar.Provision.Inventory;
using FooBar.Provision.Transport;

namespace FooBar.Provision.Tests.Transport;

/// <summary>ssh -G asked, before any connection, whether the ssh configuration is valid for each openssh host (a fake ssh here; the real one in the integration tests).</summary>
public sealed class OpenSshConfigCheckTests
{
    private static readonly SourceLocation Web = new("/inv/hosts.yaml", 3, 3);
    private static readonly SourceLocation Db = new("/inv/hosts.yaml", 7, 3);

    private readonly ConcurrentBag<IReadOnlyList<string>> _runs = [];

    [Fact]
    public async Task Only_openssh_hosts_are_asked_and_each_distinct_argument_list_once()
    {
        var check = new OpenSshConfigCheck(new OpenSshOptions { ConfigFile = "/cfg" }, Answer(0, ""));
        HostEntry[] hosts =
        [
            Host("a", "10.0.0.1"), Host("b", "10.0.0.1"), Host("c", "10.0.0.2"),
            Host("d", "10.0.0.1") with { User = "deploy" }, new HostEntry("e", "10.0.0.3"),
        ];

        var report = await check.RunAsync(hosts, CancellationToken.None);

        Assert.Empty(report.Refusals);
        Assert.Equal(["a", "b", "c", "d"], report.Destinations.Select(d => d.Host.Name));
        Assert.Equal(3, _runs.Count);
        Assert.DoesNotContain(_runs, run => run[^1] == "10.0.0.3");
        Assert.All(_runs, run => Assert.Equal(["-G", "-o", "BatchMode=yes", "-F", "/cfg"], run.Take(5)));
    }

    [Fact]
    public async Task A_refusal_is_a_problem_of_every_host_it_concerns_at_its_inventory_position_with_ssh_s_own_words()
    {
        var check = new OpenSshConfigCheck(new OpenSshOptions(), Answer(255, "/home/me/.ssh/config: line 6: Bad configuration option: bogus\n/home/me/.ssh/config: terminating, 1 bad configuration options\n"));

        var problems = (await check.RunAsync([Host("web", "web.example") with { Location = Web }, Host("db", "db.example") with { Location = Db, User = "o'neil", Port = 2222 }], CancellationToken.None)).Refusals;

        Assert.Equal([Web, Db], problems.Select(p => p.Location));
        Assert.Contains("`ssh -G -p 2222 -l 'o'\\''neil' db.example`", problems[1].Hint, StringComparison.Ordinal);
        Assert.Equal(
            "host 'web' (transport: openssh): ssh refuses its configuration for this host: /home/me/.ssh/config: line 6: Bad configuration option: bogus; /home/me/.ssh/config: terminating, 1 bad configuration options",
            problems[0].Message);
        Assert.Equal("fix what ssh names (file and line), then check again; `ssh -G -p 22 web.example` asks ssh the same question", problems[0].Hint);
    }

    [Fact]
    public async Task A_refusal_without_a_message_says_so_and_unprintable_output_is_escaped()
    {
        var silent = (await new OpenSshConfigCheck(new OpenSshOptions(), Answer(255, "")).RunAsync([Host("web", "w")], CancellationToken.None)).Refusals;
        var noisy = (await new OpenSshConfigCheck(new OpenSshOptions(), Answer(255, "bad \u001b[31mred")).RunAsync([Host("web", "w")], CancellationToken.None)).Refusals;

        Assert.EndsWith("ssh -G exited 255 without a message", silent.Single().Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', noisy.Single().Message);
    }

    [Fact]
    public async Task An_ssh_G_that_hangs_is_killed_at_the_timeout_and_named_as_a_likely_Match_exec()
    {
        var check = new OpenSshConfigCheck(new OpenSshOptions(), (_, _, timeout, _) => throw new TimeoutException("killed")) { Timeout = TimeSpan.FromSeconds(3) };

        var problem = (await check.RunAsync([Host("web", "w") with { Location = Web }], CancellationToken.None)).Refusals.Single();

        Assert.Equal(Web, problem.Location);
        Assert.Contains("ssh -G did not finish within 3 s and was killed (does a `Match exec` command wait for something?)", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_ssh_client_is_one_problem_at_the_first_openssh_host_that_names_the_way_out()
    {
        var check = new OpenSshConfigCheck(new OpenSshOptions { SshExecutable = "/nonexistent/ssh" }, (_, _, _, _) => throw new Win32Exception(2, "No such file or directory"));

        var problems = (await check.RunAsync([new HostEntry("s", "10.0.0.9"), Host("web", "w") with { Location = Web }, Host("db", "d") with { Location = Db }], CancellationToken.None)).Refusals;

        var problem = Assert.Single(problems);
        Assert.Equal(Web, problem.Location);
        Assert.Equal("2 hosts use transport: openssh, which runs the ssh client, and '/nonexistent/ssh' cannot be started: No such file or directory", problem.Message);
        Assert.Contains("apt install openssh-client", problem.Hint, StringComparison.Ordinal);
        Assert.Contains("transport: sshnet", problem.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_HostName_or_ProxyJump_hop_of_the_ssh_config_aimed_at_a_public_resolver_is_a_problem_of_the_host()
    {
        const string Output = "user root\nhostname 8.8.8.8\nport 22\nproxyjump bob@[2001:4860:4860::8888]:22,10.0.0.5:2222,carol@[9.9.9.9],ssh.example\n";
        var check = new OpenSshConfigCheck(new OpenSshOptions(), (_, _, _, _) => Task.FromResult(new CommandResult(0, Output, "")));

        var report = await check.RunAsync([Host("web", "web.example") with { Location = Web }], CancellationToken.None);

        var destination = Assert.Single(report.Destinations);
        Assert.Equal("8.8.8.8", destination.HostName);
        Assert.Equal(["2001:4860:4860::8888", "10.0.0.5", "9.9.9.9", "ssh.example"], destination.JumpHosts);
        var problems = report.AimedAtResolvers("'plan' refuses to connect to it").ToArray();
        Assert.Equal(3, problems.Length);
        Assert.All(problems, p => Assert.Equal(Web, p.Location));
        Assert.Equal(
            "host 'web' (transport: openssh): ssh's configuration gives it the HostName 8.8.8.8, which is a public DNS resolver (Google Public DNS), not a server of yours; 'plan' refuses to connect to it",
            problems[0].Message);
        Assert.Contains("the ProxyJump hop 2001:4860:4860::8888, which is a public DNS resolver (Google Public DNS)", problems[1].Message, StringComparison.Ordinal);
        Assert.Contains("the ProxyJump hop 9.9.9.9, which is a public DNS resolver (Quad9 DNS)", problems[2].Message, StringComparison.Ordinal);
        Assert.Contains("`ssh -G web.example` shows what ssh reads", problems[0].Hint, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("hostname web.example\nproxyjump none\n", "web.example")]
    [InlineData("hostname 8.8.8.8\n", "8.8.8.8")]
    public async Task An_address_the_inventory_wrote_itself_is_left_to_the_inventory_s_own_check_and_others_are_no_problem(string output, string address)
    {
        var check = new OpenSshConfigCheck(new OpenSshOptions(), (_, _, _, _) => Task.FromResult(new CommandResult(0, output, "")));

        var report = await check.RunAsync([Host("web", address)], CancellationToken.None);

        Assert.Empty(report.AimedAtResolvers("x"));
        Assert.Empty(Assert.Single(report.Destinations).JumpHosts);
    }

    [Fact]
    public void Ssh_G_gets_exactly_the_file_options_port_user_and_address_a_command_gets()
    {
        var host = Host("web", "web.example") with { Port = 2222, User = "deploy", IdentityFile = "/keys/id %h", KnownHostsFile = "/kh", KexAlgorithms = ["curve25519-sha256"] };

        var check = OpenSshArguments.ForConfigCheck(host, "/cfg");
        var command = OpenSshArguments.ForCommand(host, "/ctl/m", "true", "/cfg");

        // A command's list, less what only a command has (its master, its remote command), is -G's less -G.
        var shared = command.ToList();
        shared.RemoveRange(2, 4);
        Assert.Equal(["-o", "ControlMaster=no", "-o", "ControlPath=/ctl/m"], command.Skip(2).Take(4));
        Assert.Equal(shared[..^1], check.Skip(1));
        Assert.DoesNotContain(OpenSshArguments.ForConfigCheck(host, null), a => a == "-F");
    }

    [Fact]
    public void Every_invocation_of_the_transport_reads_the_configured_file()
    {
        var host = Host("web", "w");
        foreach (var arguments in new[]
        {
            OpenSshArguments.ForCommand(host, "/m", "true", "/cfg"),
            OpenSshArguments.ForMaster(host, new OpenSshOptions { ConfigFile = "/cfg" }, "/m", "/m.log"),
            OpenSshArguments.ForControl(host, "/m", "check", "/cfg"),
            OpenSshArguments.ForConfigCheck(host, "/cfg"),
        })
        {
            var at = arguments.ToList().IndexOf("-F");
            Assert.True(at >= 0 && arguments[at + 1] == "/cfg", string.Join(' ', arguments));
        }
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData("none", "none")]
    [InlineData("~/alt/config", "/home/me/alt/config")]
    [InlineData("/etc/ssh/other", "/etc/ssh/other")]
    public void FOOBAR_SSH_CONFIG_names_the_file_both_transports_read(string? value, string? expected)
    {
        var file = OpenSshConfigFile.FromEnvironment(name => name switch { "FOOBAR_SSH_CONFIG" => value, "HOME" => "/home/me", _ => null });

        Assert.Equal(expected, file);
    }

    [Fact]
    public void A_relative_FOOBAR_SSH_CONFIG_becomes_a_full_path_so_ssh_reads_the_same_file_from_any_directory()
    {
        var file = OpenSshConfigFile.FromEnvironment(name => name == "FOOBAR_SSH_CONFIG" ? "conf/ssh" : null);

        Assert.Equal(Path.GetFullPath("conf/ssh"), file);
    }

    private static HostEntry Host(string name, string address) => new(name, address) { Transport = TransportKind.OpenSsh };

    private OpenSshConfigCheck.Runner Answer(int exitCode, string stderr) => (_, arguments, _, _) =>
    {
        _runs.Add(arguments);
        return Task.FromResult(new CommandResult(exitCode, "", stderr));
    };
}
