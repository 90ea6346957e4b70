using FooBar.Provision.Inventory;
using FooBar.Provision.Tests.Inventory;
using FooBar.Provision.Transport.HostKeys;
using Microsoft.Extensions.Time.Testing;

namespace FooBar.Provision.Tests.Transport.HostKeys;

/// <summary>A known_hosts file in a temporary directory and verifiers that read only it.</summary>
internal sealed class VerifierFixture : IDisposable
{
    private readonly TempDirectory _directory = new();

    public VerifierFixture() => KnownHosts = Path.Combine(_directory.Path, "known_hosts");

    public string KnownHosts { get; }

    public static DateTimeOffset Now { get; } = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

    public HostEntry Host(string address = "127.0.0.1", int port = 2222, HostKeyChecking mode = HostKeyChecking.Strict) =>
        new("web", address) { Port = port, KnownHostsFile = KnownHosts, HostKeyChecking = mode };

    public HostKeyVerifier Verifier(string knownHosts, string address = "127.0.0.1", int port = 2222, HostKeyChecking mode = HostKeyChecking.Strict, DateTimeOffset? now = null)
    {
        File.WriteAllText(KnownHosts, knownHosts);
        return Verifier(Host(address, port, mode), now);
    }

    public HostKeyVerifier Verifier(HostEntry host, DateTimeOffset? now = null) =>
        new(host, new FakeTimeProvider(now ?? Now), new KnownHostsFiles([KnownHosts], []));

    public void Dispose() => _directory.Dispose();
}
