namespace FooBar.Provision.Tests.Transport.HostKeys;

public sealed class HostKeyVerifierOrderTests : IDisposable
{
    private static readonly string[] Supported =
    [
        "ssh-ed25519-cert-v01@openssh.com", "ecdsa-sha2-nistp256-cert-v01@openssh.com", "rsa-sha2-512-cert-v01@openssh.com",
        "ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "rsa-sha2-512", "rsa-sha2-256", "ssh-rsa", "something-else",
    ];

    private readonly VerifierFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void Nothing_recorded_gives_OpenSSHs_default_order_without_what_OpenSSH_does_not_offer() =>
        Assert.Equal(
            [.. Supported[..3], "ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "rsa-sha2-512", "rsa-sha2-256"],
            _fixture.Verifier("").OrderAlgorithms(Supported.Reverse().ToArray()));

    [Fact]
    public void Recorded_types_come_first_keeping_their_order()
    {
        var order = _fixture.Verifier($"[127.0.0.1]:2222 {TestKey.Rsa().Line}\n[127.0.0.1]:2222 {TestKey.Ecdsa256().Line}\n").OrderAlgorithms(Supported);

        Assert.Equal(
            ["ecdsa-sha2-nistp256-cert-v01@openssh.com", "rsa-sha2-512-cert-v01@openssh.com", "ecdsa-sha2-nistp256", "rsa-sha2-512", "rsa-sha2-256",
                "ssh-ed25519-cert-v01@openssh.com", "ssh-ed25519", "ecdsa-sha2-nistp384"],
            order);
    }

    [Fact]
    public void A_CA_line_puts_every_certificate_algorithm_first()
    {
        var order = _fixture.Verifier($"@cert-authority * {TestKey.Ed25519().Line}\n[127.0.0.1]:2222 {TestKey.Rsa().Line}\n").OrderAlgorithms(["ssh-ed25519", "rsa-sha2-512", .. Supported[..3]]);

        Assert.Equal([.. Supported[..3], "rsa-sha2-512", "ssh-ed25519"], order);
    }

    [Fact]
    public void When_the_first_algorithms_type_is_recorded_the_order_stays_as_it_is() =>
        Assert.Equal(["ssh-ed25519", "rsa-sha2-512"], _fixture.Verifier($"[127.0.0.1]:2222 {TestKey.Ed25519().Line}\n[127.0.0.1]:2222 {TestKey.Rsa().Line}\n").OrderAlgorithms(["ssh-ed25519", "rsa-sha2-512"]));

    [Fact]
    public void A_revoked_recorded_key_does_not_count()
    {
        var rsa = TestKey.Rsa();

        Assert.Equal(["ssh-ed25519", "rsa-sha2-512"], _fixture.Verifier($"[127.0.0.1]:2222 {rsa.Line}\n@revoked * {rsa.Line}\n").OrderAlgorithms(["ssh-ed25519", "rsa-sha2-512"]));
    }

    [Fact]
    public void Only_lines_for_the_host_and_port_count() =>
        Assert.Equal(["ssh-ed25519", "rsa-sha2-512"], _fixture.Verifier($"127.0.0.1 {TestKey.Rsa().Line}\n").OrderAlgorithms(["ssh-ed25519", "rsa-sha2-512"]));
}
