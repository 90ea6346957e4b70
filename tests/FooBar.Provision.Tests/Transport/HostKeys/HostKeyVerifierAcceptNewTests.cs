using FooBar.Provision.Inventory;
using FooBar.Provision.Transport.HostKeys;

namespace FooBar.Provision.Tests.Transport.HostKeys;

public sealed class HostKeyVerifierAcceptNewTests : IDisposable
{
    private static readonly TestKey Host = TestKey.Ed25519();
    private readonly VerifierFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void An_unknown_key_is_recorded_with_host_and_port_then_known()
    {
        var before = $"# mine\n10.0.0.1 {TestKey.Ed25519().Line}\n";
        var verifier = _fixture.Verifier(before, mode: HostKeyChecking.AcceptNew);

        var first = verifier.Check("ssh-ed25519", Host.Blob);
        var second = verifier.Check("ssh-ed25519", Host.Blob);

        Assert.Equal(HostKeyVerdict.Recorded, first.Verdict);
        Assert.True(first.Trusted);
        Assert.Equal(HostKeyVerdict.Known, second.Verdict);
        Assert.Equal($"{before}[127.0.0.1]:2222 {Host.Line}\n", File.ReadAllText(_fixture.KnownHosts));
    }

    [Fact]
    public void A_certificate_is_recorded_as_its_plain_key()
    {
        var decision = _fixture.Verifier("", mode: HostKeyChecking.AcceptNew).Check("ssh-ed25519-cert-v01@openssh.com", Host.CertifiedBy(TestKey.Ed25519()));

        Assert.Equal(HostKeyVerdict.Recorded, decision.Verdict);
        Assert.Equal($"[127.0.0.1]:2222 {Host.Line}\n", File.ReadAllText(_fixture.KnownHosts));
    }

    [Fact]
    public void A_changed_key_is_still_refused_and_nothing_is_written()
    {
        var recorded = $"[127.0.0.1]:2222 {TestKey.Ed25519().Line}\n";

        var decision = _fixture.Verifier(recorded, mode: HostKeyChecking.AcceptNew).Check("ssh-ed25519", Host.Blob);

        Assert.Equal(HostKeyVerdict.Changed, decision.Verdict);
        Assert.Equal(recorded, File.ReadAllText(_fixture.KnownHosts));
    }

    [Fact]
    public void A_revoked_key_is_not_recorded() =>
        Assert.Equal(HostKeyVerdict.Revoked, _fixture.Verifier($"@revoked * {Host.Line}\n", mode: HostKeyChecking.AcceptNew).Check("ssh-ed25519", Host.Blob).Verdict);

    [Fact]
    public void Parallel_connections_record_one_line()
    {
        var host = _fixture.Host(mode: HostKeyChecking.AcceptNew);

        var decisions = Enumerable.Range(0, 16).AsParallel().Select(_ => _fixture.Verifier(host).Check("ssh-ed25519", Host.Blob)).ToList();

        Assert.All(decisions, decision => Assert.True(decision.Trusted));
        Assert.Equal([$"[127.0.0.1]:2222 {Host.Line}"], File.ReadAllLines(_fixture.KnownHosts));
    }

    [Fact]
    public void Two_keys_racing_for_one_host_record_the_first_and_refuse_the_other()
    {
        var host = _fixture.Host(mode: HostKeyChecking.AcceptNew);
        var other = TestKey.Ed25519();

        var first = _fixture.Verifier(host).Check("ssh-ed25519", Host.Blob);
        var second = _fixture.Verifier(host).Check("ssh-ed25519", other.Blob);

        Assert.Equal(HostKeyVerdict.Recorded, first.Verdict);
        Assert.Equal(HostKeyVerdict.Changed, second.Verdict);
    }

    [Fact]
    public void A_file_without_a_final_newline_gets_one_before_the_new_line()
    {
        _fixture.Verifier("# no newline", mode: HostKeyChecking.AcceptNew).Check("ssh-ed25519", Host.Blob);

        Assert.Equal($"# no newline\n[127.0.0.1]:2222 {Host.Line}\n", File.ReadAllText(_fixture.KnownHosts));
    }

    [Fact]
    public void A_file_that_cannot_take_the_key_leaves_the_host_untrusted()
    {
        var host = _fixture.Host(mode: HostKeyChecking.AcceptNew) with { KnownHostsFile = "/dev/null" };

        var decision = new HostKeyVerifier(host, null, new KnownHostsFiles(["/dev/null"], [])).Check("ssh-ed25519", Host.Blob);

        Assert.Equal(HostKeyVerdict.Unrecordable, decision.Verdict);
        Assert.False(decision.Trusted);
        Assert.Contains("cannot be recorded in known_hosts '/dev/null' (it is a character device", decision.Refusal(_fixture.Host()).Message, StringComparison.Ordinal);
    }
}
