using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace FooBar.Provision.IntegrationTests;

/// <summary><c>provision run</c> against the real sshd on 127.0.0.1: each host's output and exit code, words quoted by construction.</summary>
[Collection(LoopbackSshd.CollectionName)]
public sealed class ProvisionRunTests(LoopbackSshd sshd) : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("fbrun-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Run_prints_each_hosts_output_and_exit_code_and_an_unreachable_host_makes_the_exit_1()
    {
        var inventory = WriteInventory(withClosedPort: true);

        var run = await CliRun.RunAsync("run", inventory, "--", "sh", "-c", "echo out; echo err >&2; exit 3");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Matches(@"(?m)^loopback  exit 3  \d+\.\d\ds$", run.Stdout);
        Assert.Contains("loopback | out\n", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("loopback ! err\n", run.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^closed    UNREACHABLE  .*127\.0\.0\.1", run.Stdout);
        Assert.Contains("run on 2 hosts finished in ", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Words_reach_the_remote_shell_as_words_and_nothing_in_them_runs()
    {
        var inventory = WriteInventory(withClosedPort: false);
        var pwned = Path.Combine(_directory, "pwned");
        string[] words = ["it's", "$HOME", $"; touch {pwned}", $"$(touch {pwned})", "`id`", "a  b", "*"];

        var run = await CliRun.RunAsync(["run", inventory, "--", "printf", "%s\\n", .. words]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(words, run.Stdout.Split('\n').Where(l => l.StartsWith("loopback | ", StringComparison.Ordinal)).Select(l => l["loopback | ".Length..]));
        Assert.False(File.Exists(pwned));
    }

    [Fact]
    public async Task Json_holds_the_output_and_exit_code_of_the_host()
    {
        var inventory = WriteInventory(withClosedPort: false);

        var run = await CliRun.RunAsync("run", inventory, "-o", "json", "--", "sh", "-c", "printf 'x\\ny\\n'; exit 0");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Stdout);
        var host = json.RootElement.GetProperty("hosts")[0];
        Assert.Equal("ok", host.GetProperty("status").GetString());
        Assert.Equal(0, host.GetProperty("exitCode").GetInt32());
        Assert.Equal("x\ny\n", host.GetProperty("stdout").GetString());
    }

    private string WriteInventory(bool withClosedPort)
    {
        var path = LoopbackInventory.Write(sshd, _directory);
        if (!withClosedPort)
        {
            return path;
        }

        // A port nothing listens on: bound, then closed, so the connection is refused at once.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        File.AppendAllText(path, $"""

              closed:
                address: 127.0.0.1
                port: {port}
                user: root
                identity_file: {sshd.ClientKeyFile}
                known_hosts: {sshd.KnownHostsFile}
                connect_timeout: 5
            """);
        return path;
    }
}
