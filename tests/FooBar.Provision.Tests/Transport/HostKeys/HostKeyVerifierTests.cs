using FooBar.Provision.Transport;
using FooBar.Provision.Transport.HostKeys;

namespace FooBar.Provision.Tests.Transport.HostKeys;

public sealed class HostKeyVerifierTests : IDisposable
{
    private static readonly TestKey Host = TestKey.Ed25519();
    private static readonly TestKey Other = TestKey.Ed25519();
    private static readonly TestKey Ecdsa = TestKey.Ecdsa256();
    private readonly VerifierFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void A_recorded_key_under_host_and_port_is_known_and_names_its_line()
    {
        var decision = _fixture.Verifier($"# first\n[127.0.0.1]:2222 {Host.Line}\n").Check("ssh-ed25519", Host.Blob);

        Assert.True(decision.Trusted);
        Assert.Equal(HostKeyVerdict.Known, decision.Verdict);
        Assert.Equal($"{_fixture.KnownHosts}:2", decision.Entry?.Where);
    }

    [Theory]
    [InlineData("127.0.0.1,[127.0.0.1]:2222,other")]
    [InlineData("[127.0.0.1]:*")]
    [InlineData("[127.0.0.?]:2222")]
    [InlineData("*")]
    [InlineData("!10.*,*")]
    public void Patterns_and_lists_name_the_host(string hosts) =>
        Assert.Equal(HostKeyVerdict.Known, _fixture.Verifier($"{hosts} {Host.Line}\n").Check("ssh-ed25519", Host.Blob).Verdict);

    [Fact]
    public void A_hashed_name_names_the_host() =>
        Assert.Equal(HostKeyVerdict.Known, _fixture.Verifier($"{HashedHostName.Hash("[127.0.0.1]:2222")} {Host.Line}\n").Check("ssh-ed25519", Host.Blob).Verdict);

    [Fact]
    public void The_address_is_looked_up_in_lower_case() =>
        Assert.Equal(HostKeyVerdict.Known, _fixture.Verifier($"[localhost]:2222 {Host.Line}\n", address: "LocalHost").Check("ssh-ed25519", Host.Blob).Verdict);

    [Fact]
    public void A_negated_match_means_the_line_does_not_apply()
    {
        var decision = _fixture.Verifier($"*,!*127.0.0.1* {Host.Line}\n").Check("ssh-ed25519", Host.Blob);

        Assert.Equal(HostKeyVerdict.Unknown, decision.Verdict);
        var error = Assert.IsType<HostKeyMismatchException>(decision.Refusal(_fixture.Host()));
        Assert.Contains("no host key is known for 127.0.0.1:2222", error.Message, StringComparison.Ordinal);
        Assert.Contains("ssh-keygen -R", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_key_of_the_same_type_is_a_change_that_names_the_line()
    {
        var decision = _fixture.Verifier($"\n[127.0.0.1]:2222 {Other.Line}\n").Check("ssh-ed25519", Host.Blob);

        Assert.Equal(HostKeyVerdict.Changed, decision.Verdict);
        Assert.Contains($"has CHANGED since it was recorded in {_fixture.KnownHosts}:2", decision.Refusal(_fixture.Host()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_a_key_of_another_type_recorded_is_a_change_too() =>
        Assert.Equal(HostKeyVerdict.Changed, _fixture.Verifier($"[127.0.0.1]:2222 {Ecdsa.Line}\n").Check("ssh-ed25519", Host.Blob).Verdict);

    [Fact]
    public void Any_of_several_recorded_keys_trusts_the_host() =>
        Assert.Equal(HostKeyVerdict.Known, _fixture.Verifier($"[127.0.0.1]:2222 {Other.Line}\n[127.0.0.1]:2222 {Ecdsa.Line}\n*:2222,[127.0.0.1]:2222 {Host.Line}\n").Check("ssh-ed25519", Host.Blob).Verdict);

    [Fact]
    public void A_revoked_key_is_refused_even_when_another_line_trusts_it()
    {
        var decision = _fixture.Verifier($"[127.0.0.1]:2222 {Host.Line}\n@revoked * {Host.Line}\n").Check("ssh-ed25519", Host.Blob);

        Assert.Equal(HostKeyVerdict.Revoked, decision.Verdict);
        Assert.Contains($"is REVOKED by {_fixture.KnownHosts}:2", decision.Refusal(_fixture.Host()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_revoked_line_for_other_hosts_does_not_apply() =>
        Assert.Equal(HostKeyVerdict.Known, _fixture.Verifier($"[127.0.0.1]:2222 {Host.Line}\n@revoked otherhost {Host.Line}\n").Check("ssh-ed25519", Host.Blob).Verdict);

    [Fact]
    public void A_line_negating_only_the_name_with_port_still_applies_through_the_bare_name() =>
        Assert.Equal(HostKeyVerdict.Known, _fixture.Verifier($"*,![127.0.0.1]:2222 {Host.Line}\n").Check("ssh-ed25519", Host.Blob).Verdict);

    [Fact]
    public void On_port_22_the_bare_name_is_looked_up() =>
        Assert.Equal(HostKeyVerdict.Known, _fixture.Verifier($"127.0.0.1 {Host.Line}\n", port: 22).Check("ssh-ed25519", Host.Blob).Verdict);

    [Fact]
    public void On_another_port_a_key_recorded_for_the_bare_name_is_accepted_when_nothing_is_recorded_with_the_port() =>
        Assert.Equal(HostKeyVerdict.Known, _fixture.Verifier($"127.0.0.1 {Host.Line}\n").Check("ssh-ed25519", Host.Blob).Verdict);

    [Fact]
    public void A_different_key_for_the_bare_name_leaves_the_host_unknown_not_changed() =>
        Assert.Equal(HostKeyVerdict.Unknown, _fixture.Verifier($"127.0.0.1 {Other.Line}\n").Check("ssh-ed25519", Host.Blob).Verdict);

    [Fact]
    public void A_key_recorded_with_the_port_decides_before_the_bare_name() =>
        Assert.Equal(HostKeyVerdict.Changed, _fixture.Verifier($"127.0.0.1 {Host.Line}\n[127.0.0.1]:2222 {Other.Line}\n").Check("ssh-ed25519", Host.Blob).Verdict);

    [Fact]
    public void An_rsa_key_is_checked_whatever_signature_algorithm_was_negotiated()
    {
        var rsa = TestKey.Rsa();

        Assert.Equal(HostKeyVerdict.Known, _fixture.Verifier($"[127.0.0.1]:2222 {rsa.Line}\n").Check("rsa-sha2-512", rsa.Blob).Verdict);
    }

    [Fact]
    public void A_key_that_does_not_fit_the_negotiated_algorithm_is_refused() =>
        Assert.Equal(HostKeyVerdict.CertificateRefused, _fixture.Verifier($"[127.0.0.1]:2222 {Host.Line}\n").Check("ecdsa-sha2-nistp256", Host.Blob).Verdict);

    [Fact]
    public void Missing_files_mean_nothing_is_known() =>
        Assert.Equal(HostKeyVerdict.Unknown, _fixture.Verifier(_fixture.Host()).Check("ssh-ed25519", Host.Blob).Verdict);
}
