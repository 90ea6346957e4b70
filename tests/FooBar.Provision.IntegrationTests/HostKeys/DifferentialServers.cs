using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace FooBar.Provision.IntegrationTests.HostKeys;

/// <summary>
/// The sshd instances of the differential suite, started once for it: one per host key or host certificate
/// configuration (ed25519; ecdsa and rsa; certificates valid, expired, not yet valid, for other principals, for any
/// principal, of an RSA key by an RSA CA), each on its own port of 127.0.0.1. Nobody logs in: the clients stop at
/// authentication, which comes after the host key.
/// </summary>
public sealed class DifferentialServers : IAsyncLifetime
{
    private readonly List<Process> _processes = [];
    private readonly Dictionary<string, string> _publicKeys = [];

    /// <summary>The private directory with keys, configurations and the cases' known_hosts files.</summary>
    public string WorkDirectory { get; private set; } = string.Empty;

    /// <summary>The servers.</summary>
    public IReadOnlyList<DifferentialServer> Servers { get; private set; } = [];

    /// <summary>Public keys that no server serves (wrong keys of each type) and the CA keys, by name.</summary>
    public IReadOnlyDictionary<string, string> Keys => _publicKeys;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        WorkDirectory = Directory.CreateTempSubdirectory("fbhostkeys-").FullName;
        var keys = new (string Name, string Type)[]
        {
            ("ca-ed25519", "ed25519"), ("ca-ecdsa", "ecdsa"), ("ca-rsa", "rsa"), ("ca-unused", "ed25519"),
            ("wrong-ed25519", "ed25519"), ("wrong-ecdsa", "ecdsa"), ("wrong-rsa", "rsa"),
            ("a-ed25519", "ed25519"), ("b-ecdsa", "ecdsa"), ("b-rsa", "rsa"), ("d-ed25519", "ed25519"), ("e-ed25519", "ed25519"),
            ("f-ed25519", "ed25519"), ("g-ed25519", "ed25519"), ("h-ecdsa", "ecdsa"), ("i-rsa", "rsa"),
        };
        await Task.WhenAll(keys.Select(key => LocalProcess.RunAsync(
            "ssh-keygen", ["-q", "-t", key.Type, .. key.Type == "rsa" ? new[] { "-b", "2048" } : [], "-N", string.Empty, "-C", key.Name, "-f", Path.Combine(WorkDirectory, key.Name)])));
        foreach (var (name, _) in keys)
        {
            _publicKeys[name] = LoopbackSshd.PublicKey(Path.Combine(WorkDirectory, name));
        }

        await Task.WhenAll(
            Certify("d-ed25519", "ca-ed25519", "127.0.0.1,localhost", "-5m:+1d"),
            Certify("e-ed25519", "ca-ed25519", "127.0.0.1,localhost", "20200101:20200201"),
            Certify("f-ed25519", "ca-ed25519", "127.0.0.1,localhost", "+30d:+60d"),
            Certify("g-ed25519", "ca-ed25519", "www.example.com,localhost", "-5m:+1d"),
            Certify("h-ecdsa", "ca-ecdsa", null, null),
            Certify("i-rsa", "ca-rsa", "127.0.0.1,localhost", "-5m:+1d"));

        Directory.CreateDirectory("/run/sshd");
        Servers = await Task.WhenAll(
            Start("ed25519", ["a-ed25519"], null),
            Start("ecdsa+rsa", ["b-ecdsa", "b-rsa"], null),
            Start("cert-valid", ["d-ed25519"], "ca-ed25519"),
            Start("cert-expired", ["e-ed25519"], "ca-ed25519"),
            Start("cert-not-yet-valid", ["f-ed25519"], "ca-ed25519"),
            Start("cert-principals-www-localhost", ["g-ed25519"], "ca-ed25519"),
            Start("cert-any-principal-ecdsa-ca", ["h-ecdsa"], "ca-ecdsa"),
            Start("cert-rsa-by-rsa-ca", ["i-rsa"], "ca-rsa"));
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        foreach (var process in _processes)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync();
            process.Dispose();
        }

        if (WorkDirectory.Length > 0)
        {
            Directory.Delete(WorkDirectory, recursive: true);
        }
    }

    private Task<string> Certify(string key, string ca, string? principals, string? validity) => LocalProcess.RunAsync(
        "ssh-keygen", ["-q", "-s", Path.Combine(WorkDirectory, ca), "-I", key, "-h", .. principals is null ? [] : new[] { "-n", principals },
            .. validity is null ? [] : new[] { "-V", validity }, Path.Combine(WorkDirectory, key + ".pub")]);

    private async Task<DifferentialServer> Start(string name, string[] hostKeys, string? ca)
    {
        var port = LoopbackSshd.FreePort();
        var config = Path.Combine(WorkDirectory, $"sshd_config_{name}");
        File.WriteAllLines(config, [
            $"Port {port}",
            "ListenAddress 127.0.0.1",
            .. hostKeys.Select(key => $"HostKey {Path.Combine(WorkDirectory, key)}"),
            .. ca is null ? [] : hostKeys.Select(key => $"HostCertificate {Path.Combine(WorkDirectory, key)}-cert.pub"),
            "AuthorizedKeysFile none",
            $"PidFile {Path.Combine(WorkDirectory, $"sshd_{name}.pid")}",
            "UsePAM no", "StrictModes no", "PasswordAuthentication no", "KbdInteractiveAuthentication no",
            "MaxStartups 64", "LogLevel ERROR",
        ]);
        var startInfo = new ProcessStartInfo("/usr/sbin/sshd") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        // -r: no re-execution per connection (a test server need not re-randomise its address space; it halves the cost).
        foreach (var argument in new[] { "-D", "-e", "-r", "-f", config })
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("sshd did not start");
        lock (_processes)
        {
            _processes.Add(process);
        }

        var errors = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                errors.Enqueue(line);
            }
        };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        await WaitUntilListening(process, port, name, errors);
        return new DifferentialServer(name, port, [.. hostKeys.Select(key => _publicKeys[key])], ca is null ? null : _publicKeys[ca]);
    }

    private static async Task WaitUntilListening(Process sshd, int port, string name, IEnumerable<string> errors)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (sshd.HasExited)
            {
                sshd.WaitForExit(); // the rest of its stderr
                throw new InvalidOperationException($"sshd {name} exited with {sshd.ExitCode} at start (port {port}): {string.Join(" | ", errors)}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(20);
            }
        }

        throw new InvalidOperationException($"sshd {name} did not listen on 127.0.0.1:{port} within 20 s");
    }
}
