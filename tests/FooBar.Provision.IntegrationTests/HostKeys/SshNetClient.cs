using FooBar.Provision.Inventory;
using FooBar.Provision.Transport.HostKeys;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace FooBar.Provision.IntegrationTests.HostKeys;

/// <summary>
/// The side under test: SSH.NET's <see cref="SshClient"/> with <see cref="HostKeyVerifier"/> hooked into
/// <c>HostKeyReceived</c> and <c>ConnectionInfo.HostKeyAlgorithms</c> through <see cref="SshNetHostKeyCheck"/>.
/// </summary>
public static class SshNetClient
{
    /// <summary>The key exchange both clients use (it has no part in the host key decision).</summary>
    public const string KeyExchange = "curve25519-sha256";

    /// <summary>Connects for <paramref name="testCase"/> (offering no key, like the ssh it is compared with: authentication comes after the host key) with its known_hosts at <paramref name="knownHosts"/> (and no system file).</summary>
    public static async Task<ClientDecision> DecideAsync(DifferentialCase testCase, string knownHosts, HostKeyChecking mode = HostKeyChecking.Strict)
    {
        var host = new HostEntry($"case{testCase.Id}", testCase.Address) { Port = testCase.Server.Port, User = "root", KnownHostsFile = knownHosts, HostKeyChecking = mode };
        var verifier = new HostKeyVerifier(host, null, new KnownHostsFiles([knownHosts], []));
        var info = new ConnectionInfo(testCase.Address, testCase.Server.Port, "root", new NoneAuthenticationMethod("root"))
        {
            Timeout = TimeSpan.FromSeconds(60),
        };
        foreach (var name in info.KeyExchangeAlgorithms.Keys.Where(name => name != KeyExchange).ToList())
        {
            info.KeyExchangeAlgorithms.Remove(name);
        }

        var check = new SshNetHostKeyCheck(verifier);
        check.Configure(info);
        using var client = new SshClient(info);
        string? algorithm = null;
        client.HostKeyReceived += (sender, e) =>
        {
            algorithm = e.HostKeyName;
            check.OnHostKeyReceived(sender, e);
        };
        try
        {
            await client.ConnectAsync(CancellationToken.None);
        }
        catch (SshAuthenticationException) when (check.Decision is { Trusted: true } accepted)
        {
            return new ClientDecision("trusted", algorithm, $"{accepted.Verdict} by {accepted.Entry?.Where ?? "?"}");
        }
        catch (Exception e) when (e is SshException or IOException or System.Net.Sockets.SocketException)
        {
            return check.Decision is { Trusted: false } refused
                ? new ClientDecision(Category(refused.Verdict), algorithm, refused.Refusal(host).Message)
                : new ClientDecision("error", algorithm, $"{e.GetType().Name}: {e.Message} (decision: {check.Decision?.Verdict.ToString() ?? "none"})");
        }

        return check.Decision is { Trusted: true } trusted
            ? new ClientDecision("trusted", algorithm, $"{trusted.Verdict} by {trusted.Entry?.Where ?? "?"}")
            : new ClientDecision("error", algorithm, "connected without a trusted decision");
    }

    private static string Category(HostKeyVerdict verdict) => verdict switch
    {
        HostKeyVerdict.Known or HostKeyVerdict.Recorded => "trusted",
        HostKeyVerdict.Unknown => "unknown",
        HostKeyVerdict.Changed => "changed",
        HostKeyVerdict.Revoked => "revoked",
        _ => "refused",
    };
}
