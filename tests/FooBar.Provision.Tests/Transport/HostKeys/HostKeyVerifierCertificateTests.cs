using FooBar.Provision.Transport.HostKeys;

namespace FooBar.Provision.Tests.Transport.HostKeys;

public sealed class HostKeyVerifierCertificateTests : IDisposable
{
    private const string CertType = "ssh-ed25519-cert-v01@openssh.com";
    private static readonly TestKey Host = TestKey.Ed25519();
    private static readonly TestKey Ca = TestKey.Ed25519();
    private static readonly TestKey OtherCa = TestKey.Ed25519();
    private static readonly ulong Now = (ulong)VerifierFixture.Now.ToUnixTimeSeconds();
    private readonly VerifierFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void A_host_certificate_signed_by_a_trusted_CA_for_the_host_is_known()
    {
        var decision = _fixture.Verifier($"@cert-authority [127.0.0.1]:* {Ca.Line}\n").Check(CertType, Host.CertifiedBy(Ca));

        Assert.Equal(HostKeyVerdict.Known, decision.Verdict);
        Assert.Equal(KnownHostsMarker.CertAuthority, decision.Entry?.Marker);
    }

    [Theory]
    [InlineData("ecdsa")]
    [InlineData("rsa")]
    public void CAs_of_every_common_type_verify(string caType)
    {
        var ca = caType == "rsa" ? TestKey.Rsa() : TestKey.Ecdsa256();
        var rsaHost = TestKey.Rsa();

        Assert.Equal(HostKeyVerdict.Known, _fixture.Verifier($"@cert-authority * {ca.Line}\n").Check("ssh-rsa-cert-v01@openssh.com", rsaHost.CertifiedBy(ca)).Verdict);
        Assert.Equal(HostKeyVerdict.Known, _fixture.Verifier($"@cert-authority * {ca.Line}\n").Check("rsa-sha2-512-cert-v01@openssh.com", rsaHost.CertifiedBy(ca)).Verdict);
    }

    [Fact]
    public void A_certificate_with_no_principals_is_valid_for_any_name() =>
        Assert.Equal(HostKeyVerdict.Known, _fixture.Verifier($"@cert-authority * {Ca.Line}\n").Check(CertType, Host.CertifiedBy(Ca, new CertificateSpec { Principals = [] })).Verdict);

    [Theory]
    [InlineData("expired", "it has expired")]
    [InlineData("future", "it is not yet valid")]
    [InlineData("principal", "'127.0.0.1' is not one of its principals (www.example.com)")]
    [InlineData("user", "it is not a host certificate")]
    [InlineData("critical", "it has critical options")]
    [InlineData("sha1", "its CA signed it with ssh-rsa, which OpenSSH's CASignatureAlgorithms does not allow")]
    public void An_invalid_certificate_falls_back_to_its_plain_key_and_says_why(string flaw, string reason)
    {
        var ca = flaw == "sha1" ? TestKey.Rsa() : Ca;
        var spec = flaw switch
        {
            "expired" => new CertificateSpec { ValidBefore = Now },
            "future" => new CertificateSpec { ValidAfter = Now + 1 },
            "principal" => new CertificateSpec { Principals = ["www.example.com"] },
            "user" => new CertificateSpec { Type = 1 },
            "critical" => new CertificateSpec { CriticalOption = true },
            _ => new CertificateSpec { RsaAlgorithm = "ssh-rsa" },
        };
        var certificate = Host.CertifiedBy(ca, spec);

        var unknown = _fixture.Verifier($"@cert-authority * {ca.Line}\n").Check(CertType, certificate);
        var plainKnown = _fixture.Verifier($"@cert-authority * {ca.Line}\n[127.0.0.1]:2222 {Host.Line}\n").Check(CertType, certificate);

        Assert.Equal(HostKeyVerdict.Unknown, unknown.Verdict);
        Assert.Contains($"its certificate was not taken: {reason}", unknown.Refusal(_fixture.Host()).Message, StringComparison.Ordinal);
        Assert.Equal(HostKeyVerdict.Known, plainKnown.Verdict);
    }

    [Fact]
    public void The_validity_window_includes_its_start_and_excludes_its_end()
    {
        var certificate = Host.CertifiedBy(Ca, new CertificateSpec { ValidAfter = Now, ValidBefore = Now + 1 });

        Assert.Equal(HostKeyVerdict.Known, _fixture.Verifier($"@cert-authority * {Ca.Line}\n").Check(CertType, certificate).Verdict);
        Assert.Equal(HostKeyVerdict.Unknown, _fixture.Verifier($"@cert-authority * {Ca.Line}\n", now: VerifierFixture.Now.AddSeconds(1)).Check(CertType, certificate).Verdict);
    }

    [Fact]
    public void A_certificate_of_another_CA_is_checked_as_its_plain_key()
    {
        var certificate = Host.CertifiedBy(OtherCa);

        Assert.Equal(HostKeyVerdict.Unknown, _fixture.Verifier($"@cert-authority * {Ca.Line}\n").Check(CertType, certificate).Verdict);
        Assert.Equal(HostKeyVerdict.Changed, _fixture.Verifier($"@cert-authority * {Ca.Line}\n* {TestKey.Ed25519().Line}\n").Check(CertType, certificate).Verdict);
    }

    [Fact]
    public void A_CA_line_for_other_hosts_does_not_vouch() =>
        Assert.Equal(HostKeyVerdict.Unknown, _fixture.Verifier($"@cert-authority *.example.com {Ca.Line}\n").Check(CertType, Host.CertifiedBy(Ca)).Verdict);

    [Fact]
    public void A_plain_line_with_the_CA_key_does_not_make_it_a_CA() =>
        Assert.Equal(HostKeyVerdict.Changed, _fixture.Verifier($"* {Ca.Line}\n").Check(CertType, Host.CertifiedBy(Ca)).Verdict);

    [Theory]
    [InlineData("ca")]
    [InlineData("key")]
    public void A_revoked_CA_or_certified_key_is_refused_without_falling_back(string revoked)
    {
        var line = revoked == "ca" ? Ca.Line : Host.Line;

        var decision = _fixture.Verifier($"@cert-authority * {Ca.Line}\n* {Host.Line}\n@revoked * {line}\n").Check(CertType, Host.CertifiedBy(Ca));

        Assert.Equal(HostKeyVerdict.Revoked, decision.Verdict);
    }

    [Fact]
    public void A_certificate_whose_signature_does_not_verify_is_refused_outright()
    {
        var forged = Host.CertifiedBy(Ca, new CertificateSpec { SignOver = bytes => [.. bytes, 0] });

        var decision = _fixture.Verifier($"@cert-authority * {Ca.Line}\n* {Host.Line}\n").Check(CertType, forged);

        Assert.Equal(HostKeyVerdict.CertificateRefused, decision.Verdict);
        Assert.Contains("the signature of its certificate authority does not verify", decision.Refusal(_fixture.Host()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_trusted_certificate_on_another_port_is_found_through_the_bare_name() =>
        Assert.Equal(HostKeyVerdict.Known, _fixture.Verifier($"@cert-authority 127.0.0.1 {Ca.Line}\n").Check(CertType, Host.CertifiedBy(Ca)).Verdict);
}
