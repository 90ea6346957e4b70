using System.Diagnostics;
using System.Runtime.Versioning;
using FooBar.Provision.Cli;
using FooBar.Provision.Inventory;
using FooBar.Provision.Transport;

namespace FooBar.Provision.IntegrationTests;

/// <summary>
/// The real <c>ssh -G</c> on temporary config files (<c>-F</c>, never the real <c>~/.ssh/config</c>): every kind of
/// configuration ssh refuses is a problem before any connection, and -G itself connects nowhere.
/// </summary>
[Collection(LoopbackSshd.CollectionName)]
public sealed class OpenSshConfigCheckTests(LoopbackSshd sshd) : IDisposable
{
    private static readonly SourceLocation Where = new("/inv/hosts.yaml", 4, 5);
    private readonly string _directory = Directory.CreateTempSubdirectory("fbssh-G-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("Host web\n  Bogus yes\n", "{config}: line 2: Bad configuration option: bogus")]
    [InlineData("Host elsewhere\n  Bogus yes\n", "{config}: line 2: Bad configuration option: bogus")]
    [InlineData("Host elsewhere\n  Port abc\n", "{config} line 2: Bad port 'abc'.")]
    [InlineData("Host web\n  User \"ab\n", "{config} line 2: invalid quotes")]
    [InlineData("Host\n", "{config} line 1: no argument after keyword \"host\"")]
    [InlineData("Match foo bar\n", "{config} line 1: Bad Match condition")]
    [InlineData("Host web\n  StrictHostKeyChecking maybe\n", "{config} line 2: unsupported option \"maybe\".")]
    [InlineData("Host web\n  Ciphers nope\n", "{config} line 2: Bad SSH2 cipher spec 'nope'.")]
    [InlineData("Host web\n  LocalForward abc\n", "{config} line 2: Missing target argument.")]
    [InlineData("Host web\n  HostName %q\n", "unknown key %q")]
    [InlineData("Include {included}\n", "{included}: line 2: Bad configuration option: bogus")]
    public async Task Every_kind_of_configuration_ssh_refuses_is_a_problem_of_the_host_with_ssh_s_own_words(string text, string expected)
    {
        var included = Write("included", "Host web\n  Bogus yes\n");
        var config = Write("config", text.Replace("{included}", included, StringComparison.Ordinal));

        var problem = Assert.Single(await ProblemsAsync(config, Host()));

        Assert.Equal(Where, problem.Location);
        Assert.StartsWith("host 'www' (transport: openssh): ssh refuses its configuration for this host: ", problem.Message, StringComparison.Ordinal);
        Assert.Contains(expected.Replace("{config}", config, StringComparison.Ordinal).Replace("{included}", included, StringComparison.Ordinal), problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    [SupportedOSPlatform("linux")]
    public async Task An_included_file_others_may_write_is_refused_as_ssh_refuses_it()
    {
        var included = Write("shared", "Port 22\n");
        File.SetUnixFileMode(included, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite);
        var config = Write("config", $"Include {included}\n");

        var problem = Assert.Single(await ProblemsAsync(config, Host()));

        Assert.Contains($"Bad owner or permissions on {included}", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_config_file_is_refused_and_none_reads_no_file()
    {
        var missing = Path.Combine(_directory, "no-such-config");

        var problem = Assert.Single(await ProblemsAsync(missing, Host()));

        Assert.Contains($"Can't open user config file {missing}: No such file or directory", problem.Message, StringComparison.Ordinal);
        Assert.Empty(await ProblemsAsync("none", Host()));
    }

    [Fact]
    public async Task Ssh_G_runs_no_ProxyCommand_and_follows_no_ProxyJump_but_runs_Match_exec_as_a_connection_would()
    {
        var proxied = Path.Combine(_directory, "proxy-ran");
        var matched = Path.Combine(_directory, "match-ran");
        var config = Write("config", $"Match exec \"touch {matched}\"\n  User someone\nHost web\n  ProxyCommand touch {proxied}\n  ProxyJump root@127.0.0.1:1\n");
        var started = Stopwatch.StartNew();

        Assert.Empty(await ProblemsAsync(config, Host()));

        Assert.False(File.Exists(proxied));
        Assert.True(File.Exists(matched));
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(5), $"{started.Elapsed}: did ssh -G try to connect?");
    }

    [Fact]
    public async Task A_Match_exec_that_hangs_is_killed_at_the_timeout()
    {
        var config = Write("config", "Match exec \"sleep 30\"\n  User someone\n");
        var check = new OpenSshConfigCheck(new OpenSshOptions { ConfigFile = config }) { Timeout = TimeSpan.FromSeconds(1) };
        var started = Stopwatch.StartNew();

        var problem = Assert.Single((await check.RunAsync([Host()], CancellationToken.None)).Refusals);

        Assert.Contains("ssh -G did not finish within 1 s and was killed", problem.Message, StringComparison.Ordinal);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(10), started.Elapsed.ToString());
    }

    [Fact]
    public async Task A_missing_ssh_client_is_bad_input_not_a_crash()
    {
        var check = new OpenSshConfigCheck(new OpenSshOptions { SshExecutable = Path.Combine(_directory, "no-ssh"), ConfigFile = "none" });

        var problem = Assert.Single((await check.RunAsync([Host(), Host() with { Name = "db" }], CancellationToken.None)).Refusals);

        Assert.StartsWith($"2 hosts use transport: openssh, which runs the ssh client, and '{Path.Combine(_directory, "no-ssh")}' cannot be started: ", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Provision_refuses_a_refused_configuration_with_exit_3_before_contacting_any_host()
    {
        var config = Write("config", "Host 127.0.0.1\n  Bogus yes\n");
        var inventory = Write("inventory.yaml", $"hosts:\n  www:\n    address: 127.0.0.1\n    port: {sshd.Port}\n    transport: openssh\n    identity_file: {sshd.ClientKeyFile}\n    known_hosts: {sshd.KnownHostsFile}\n");
        var services = CliServices.CreateDefault() with
        {
            StdoutIsTerminal = () => false,
            SshConfigCheck = new OpenSshConfigCheck(new OpenSshOptions { ConfigFile = config }),
        };
        var logged = sshd.Log.Length;

        foreach (var verb in new[] { "check", "plan" })
        {
            using var stdout = new StringWriter();
            using var stderr = new StringWriter();

            var exitCode = await CliApp.RunAsync([verb, inventory], stdout, stderr, services);

            Assert.True(exitCode == 3, $"{verb}: exit {exitCode}\n{stderr}");
            Assert.Contains($"{inventory}:2:3: host 'www' (transport: openssh): ssh refuses its configuration for this host: {config}: line 2: Bad configuration option: bogus", stderr.ToString(), StringComparison.Ordinal);
            Assert.Contains("provision: 1 problem found; no host was contacted.", stderr.ToString(), StringComparison.Ordinal);
        }

        Assert.DoesNotContain("127.0.0.1 port", sshd.Log[logged..], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_warns_of_a_HostName_or_ProxyJump_of_the_ssh_config_aimed_at_a_public_resolver()
    {
        // check only: it connects to nothing, so no mistake here can reach 8.8.8.8 (plan's refusal is a unit test, on a mock).
        var config = Write("config", "Host web\n  HostName 8.8.8.8\n  ProxyJump jump.example,[1.1.1.1]:2222\n");
        var inventory = Write("inventory.yaml", "hosts:\n  www: { address: web, transport: openssh }\n");
        var services = CliServices.CreateDefault() with { StdoutIsTerminal = () => false, SshConfigCheck = new OpenSshConfigCheck(new OpenSshOptions { ConfigFile = config }) };
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exitCode = await CliApp.RunAsync(["check", inventory], stdout, stderr, services);

        Assert.True(exitCode == 0, stderr.ToString());
        Assert.Contains($"{inventory}:2:3: warning: host 'www' (transport: openssh): ssh's configuration gives it the HostName 8.8.8.8, which is a public DNS resolver (Google Public DNS), not a server of yours; plan, apply", stderr.ToString(), StringComparison.Ordinal);
        Assert.Contains("gives it the ProxyJump hop 1.1.1.1, which is a public DNS resolver (Cloudflare DNS)", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_transport_gives_ssh_the_same_file_as_the_check()
    {
        var config = Write("config", "Host fbssh-alias\n  HostName 127.0.0.1\n");
        var options = new OpenSshOptions { ConfigFile = config };
        var host = sshd.Host with { Address = "fbssh-alias", Transport = TransportKind.OpenSsh };
        Assert.Empty((await new OpenSshConfigCheck(options).RunAsync([host], CancellationToken.None)).Refusals);
        await using var factory = new OpenSshConnectionFactory(options);

        var result = await factory.Open(host).RunAsync(new RemoteCommand($"echo reached"));

        Assert.Equal("reached\n", result.StandardOutput);
    }

    private static HostEntry Host() => new("www", "web") { Transport = TransportKind.OpenSsh, Location = Where };

    private static async Task<IReadOnlyList<InventoryError>> ProblemsAsync(string config, HostEntry host) =>
        (await new OpenSshConfigCheck(new OpenSshOptions { ConfigFile = config }).RunAsync([host], CancellationToken.None)).Refusals;

    private string Write(string name, string text)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, text);
        return path;
    }
}
