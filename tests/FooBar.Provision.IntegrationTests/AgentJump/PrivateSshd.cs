using System.Diagnostics;
using System.Net.Sockets;

namespace FooBar.Provision.IntegrationTests.AgentJump;

/// <summary>
/// A real sshd of one test, on a loopback address it is given, with its own host key, authorized keys and extra
/// configuration lines; it logs at DEBUG3 to a file, so a test can read what the server saw.
/// </summary>
/// <remarks>Needs /usr/sbin/sshd and root, like <see cref="LoopbackSshd"/>; fails, never skips, without them.</remarks>
internal sealed class PrivateSshd : IAsyncDisposable
{
    private Process? _sshd;

    private PrivateSshd(string directory, string address, int port)
    {
        Directory = directory;
        Address = address;
        Port = port;
    }

    /// <summary>The private directory of this server (keys, configuration, log).</summary>
    public string Directory { get; }

    /// <summary>The loopback address it listens on.</summary>
    public string Address { get; }

    /// <summary>The port it listens on.</summary>
    public int Port { get; }

    /// <summary>The file whose keys may log in as root.</summary>
    public string AuthorizedKeys => Path.Combine(Directory, "authorized_keys");

    /// <summary>The server's host public key (<c>ssh-ed25519 AAAA…</c>).</summary>
    public string HostPublicKey { get; private set; } = string.Empty;

    /// <summary>The process id of the listening sshd.</summary>
    public int ProcessId => _sshd?.Id ?? 0;

    /// <summary>What the server logged so far.</summary>
    public string Log => File.Exists(LogFile) ? ReadShared(LogFile) : string.Empty;

    private string LogFile => Path.Combine(Directory, "sshd.log");

    /// <summary>Starts a server on <paramref name="address"/> (127.0.0.1 unless given) with <paramref name="extraConfig"/> lines.</summary>
    public static async Task<PrivateSshd> StartAsync(string parent, string name, string address = "127.0.0.1", params string[] extraConfig)
    {
        var directory = Path.Combine(parent, name);
        System.IO.Directory.CreateDirectory(directory);
        var sshd = new PrivateSshd(directory, address, LoopbackSshd.FreePort());
        var hostKey = Path.Combine(directory, "ssh_host_ed25519_key");
        await LocalProcess.RunAsync("ssh-keygen", "-q", "-t", "ed25519", "-N", string.Empty, "-C", name, "-f", hostKey);
        sshd.HostPublicKey = LoopbackSshd.PublicKey(hostKey);
        await File.AppendAllTextAsync(sshd.AuthorizedKeys, string.Empty);
        var config = Path.Combine(directory, "sshd_config");
        await File.WriteAllLinesAsync(config, [
            $"Port {sshd.Port}",
            $"ListenAddress {address}",
            $"HostKey {hostKey}",
            $"AuthorizedKeysFile {sshd.AuthorizedKeys}",
            $"PidFile {Path.Combine(directory, "sshd.pid")}",
            "UsePAM no",
            "StrictModes no",
            "PasswordAuthentication no",
            "KbdInteractiveAuthentication no",
            "PermitRootLogin prohibit-password",
            "LogLevel DEBUG3", // DEBUG3 logs which signature algorithm verified
            "SetEnv SHLVL=1",
            .. extraConfig,
        ]);
        System.IO.Directory.CreateDirectory("/run/sshd");
        var start = new ProcessStartInfo("/usr/sbin/sshd") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-D", "-E", sshd.LogFile, "-f", config })
        {
            start.ArgumentList.Add(argument);
        }

        sshd._sshd = Process.Start(start) ?? throw new InvalidOperationException("sshd did not start");
        await sshd.WaitUntilListeningAsync();
        return sshd;
    }

    /// <summary>Authorizes the public key of <paramref name="privateKeyFile"/> (its <c>.pub</c>) for root, with optional options.</summary>
    public Task AuthorizeAsync(string privateKeyFile, string options = "") =>
        File.AppendAllTextAsync(AuthorizedKeys, (options.Length > 0 ? options + " " : "") + LoopbackSshd.PublicKey(privateKeyFile) + "\n");

    /// <summary>The known_hosts line for this server.</summary>
    public string KnownHostsLine => $"[{Address}]:{Port} {HostPublicKey}";

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
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
    }

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return new StreamReader(stream).ReadToEnd();
    }

    private async Task WaitUntilListeningAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (_sshd is { HasExited: true } exited)
            {
                throw new InvalidOperationException($"sshd exited with {exited.ExitCode} at start: {Log}{await exited.StandardError.ReadToEndAsync()}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(Address, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(20);
            }
        }

        throw new InvalidOperationException($"sshd did not listen on {Address}:{Port} within 20 s: {Log}");
    }
}
