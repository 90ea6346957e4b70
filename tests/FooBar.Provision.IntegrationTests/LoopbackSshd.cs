using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using FooBar.Provision.Inventory;

namespace FooBar.Provision.IntegrationTests;

/// <summary>
/// A real OpenSSH server on 127.0.0.1, started for the test run (an xunit collection fixture): its own host key,
/// client key, authorized_keys, known_hosts and a free port, all in a private temporary directory.
/// </summary>
/// <remarks>
/// Put a test class in <c>[Collection(LoopbackSshd.CollectionName)]</c> and take the fixture in its constructor;
/// <see cref="Host"/> is a ready inventory entry (user root, strict host key checking). Needs /usr/sbin/sshd
/// (openssh-server) and runs as root; it fails, never skips, when sshd is missing. Only loopback is ever used.
/// </remarks>
public sealed class LoopbackSshd : IAsyncLifetime
{
    /// <summary>The name of the xunit collection that shares this fixture.</summary>
    public const string CollectionName = "Loopback sshd";

    private const string SshdPath = "/usr/sbin/sshd";
    private readonly StringBuilder _log = new();
    private Process? _sshd;

    /// <summary>The private directory that holds keys, configuration and logs; deleted on dispose.</summary>
    public string WorkDirectory { get; private set; } = string.Empty;

    /// <summary>The port sshd listens on (127.0.0.1 only).</summary>
    public int Port { get; private set; }

    /// <summary>The private key authorized for root.</summary>
    public string ClientKeyFile => Path.Combine(WorkDirectory, "client_ed25519");

    /// <summary>A known_hosts file that records the server's real host key.</summary>
    public string KnownHostsFile => Path.Combine(WorkDirectory, "known_hosts");

    /// <summary>The server's host public key, as <c>ssh-ed25519 AAAA…</c>.</summary>
    public string HostPublicKey { get; private set; } = string.Empty;

    /// <summary>The host entry for this server: 127.0.0.1, the port, root, the client key and known_hosts.</summary>
    public HostEntry Host => new("loopback", "127.0.0.1")
    {
        Port = Port,
        User = "root",
        IdentityFile = ClientKeyFile,
        KnownHostsFile = KnownHostsFile,
        ConnectTimeoutSeconds = 5,
    };

    /// <summary>The process id of the listening sshd (its sessions are its descendants).</summary>
    public int ProcessId => _sshd?.Id ?? 0;

    /// <summary>Everything sshd logged so far (for failure messages).</summary>
    public string Log => Locked(() => _log.ToString());

    private const int FirstPort = 20_000, LastPort = 32_000;
    private static int _lastPortGiven = FirstPort + (Environment.ProcessId % 4_000);

    /// <summary>A TCP port on 127.0.0.1 that nothing listens on at the moment, and that no other caller in this process got.</summary>
    /// <remarks>
    /// Below Linux's ephemeral range (32768-60999), so no client connection's local port can take it between this call
    /// and the server's bind, and handed out once each: with bind(0), servers started at once could be given the same
    /// port, and a CI run once lost a differential sshd to "exited with 255 at start".
    /// </remarks>
    public static int FreePort()
    {
        while (true)
        {
            var port = Interlocked.Increment(ref _lastPortGiven);
            if (port > LastPort)
            {
                Interlocked.CompareExchange(ref _lastPortGiven, FirstPort, port);
                continue;
            }

            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                listener.Stop();
                return port;
            }
            catch (SocketException)
            {
                // Taken by something else: the next one.
            }
        }
    }

    /// <summary>Generates a new ed25519 key pair in the work directory and returns the private key's path.</summary>
    public async Task<string> NewKeyPairAsync(string name)
    {
        var path = Path.Combine(WorkDirectory, name);
        await LocalProcess.RunAsync("ssh-keygen", "-q", "-t", "ed25519", "-N", string.Empty, "-C", name, "-f", path);
        return path;
    }

    /// <summary>Writes a known_hosts file in the work directory that records <paramref name="publicKey"/> for this server.</summary>
    public string WriteKnownHosts(string name, string publicKey)
    {
        var path = Path.Combine(WorkDirectory, name);
        File.WriteAllText(path, $"[127.0.0.1]:{Port} {publicKey}\n");
        return path;
    }

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        if (!File.Exists(SshdPath))
        {
            throw new InvalidOperationException(
                $"{SshdPath} is missing: the integration tests need a real OpenSSH server. Install it (apt-get install openssh-server); .ci/run does.");
        }

        WorkDirectory = Directory.CreateTempSubdirectory("fbsshd-").FullName;
        Port = FreePort();
        var hostKey = Path.Combine(WorkDirectory, "ssh_host_ed25519_key");
        await Task.WhenAll(
            LocalProcess.RunAsync("ssh-keygen", "-q", "-t", "ed25519", "-N", string.Empty, "-C", "loopback-host", "-f", hostKey),
            NewKeyPairAsync("client_ed25519"));
        HostPublicKey = PublicKey(hostKey);
        File.Copy(ClientKeyFile + ".pub", Path.Combine(WorkDirectory, "authorized_keys"));
        WriteKnownHosts("known_hosts", HostPublicKey);
        var config = Path.Combine(WorkDirectory, "sshd_config");
        File.WriteAllText(config, SshdConfig(hostKey));
        Directory.CreateDirectory("/run/sshd"); // sshd's privilege separation directory
        _sshd = StartSshd(config);
        await WaitUntilListeningAsync(_sshd);
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_sshd is { } sshd)
        {
            if (!sshd.HasExited)
            {
                sshd.Kill(entireProcessTree: true);
            }

            await sshd.WaitForExitAsync();
            sshd.Dispose();
        }

        if (WorkDirectory.Length > 0)
        {
            Directory.Delete(WorkDirectory, recursive: true);
        }
    }

    /// <summary>The public key (type and base64) of a private key file, without its comment.</summary>
    public static string PublicKey(string privateKeyFile) =>
        string.Join(' ', File.ReadAllText(privateKeyFile + ".pub").Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(2));

    private string SshdConfig(string hostKey) => string.Join('\n',
        $"Port {Port}",
        "ListenAddress 127.0.0.1",
        $"HostKey {hostKey}",
        $"AuthorizedKeysFile {Path.Combine(WorkDirectory, "authorized_keys")}",
        $"PidFile {Path.Combine(WorkDirectory, "sshd.pid")}",
        "UsePAM no",
        "StrictModes no",
        "PasswordAuthentication no",
        "KbdInteractiveAuthentication no",
        "PermitRootLogin prohibit-password",
        // Without it, bash run by sshd sources root's ~/.bashrc (pyenv init on the dev machines: about 0.25 s per
        // command); bash skips it when SHLVL says it is nested. A managed server's shell starts lean like this.
        "SetEnv SHLVL=1",
        string.Empty);

    private Process StartSshd(string config)
    {
        var startInfo = new ProcessStartInfo(SshdPath) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "-D", "-e", "-f", config })
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = startInfo };
        process.ErrorDataReceived += (_, e) => Locked(() => _log.AppendLine(e.Data));
        process.Start();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        return process;
    }

    private T Locked<T>(Func<T> action)
    {
        lock (_log)
        {
            return action();
        }
    }

    private async Task WaitUntilListeningAsync(Process sshd)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            if (sshd.HasExited)
            {
                throw new InvalidOperationException($"sshd exited with {sshd.ExitCode} at start: {Log}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(20);
            }
        }

        throw new InvalidOperationException($"sshd did not listen on 127.0.0.1:{Port} within 10 s: {Log}");
    }
}
