using Renci.SshNet;

namespace FooBar.Provision.IntegrationTests.AgentJump;

/// <summary>Logs in with SSH.NET to a <see cref="PrivateSshd"/> with the given key sources, trusting only that server's host key.</summary>
internal static class SshNetLogin
{
    /// <summary>Connects as root to <paramref name="server"/> offering <paramref name="keys"/>, runs <c>echo ok</c> and returns its output.</summary>
    public static async Task<string> EchoAsync(PrivateSshd server, IReadOnlyList<IPrivateKeySource> keys)
    {
        var info = new ConnectionInfo(server.Address, server.Port, "root", new PrivateKeyAuthenticationMethod("root", [.. keys]))
        {
            Timeout = TimeSpan.FromSeconds(20),
        };
        using var client = new SshClient(info);
        var expected = Convert.FromBase64String(server.HostPublicKey.Split(' ')[1]);
        client.HostKeyReceived += (_, e) => e.CanTrust = e.HostKey.AsSpan().SequenceEqual(expected);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await client.ConnectAsync(timeout.Token);
        using var command = client.RunCommand("echo ok");
        client.Disconnect();
        return command.Result.Trim();
    }
}
