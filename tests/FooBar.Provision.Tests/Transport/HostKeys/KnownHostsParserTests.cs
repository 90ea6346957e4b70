using FooBar.Provision.Transport.HostKeys;

namespace FooBar.Provision.Tests.Transport.HostKeys;

public sealed class KnownHostsParserTests
{
    private static readonly TestKey Key = TestKey.Ed25519();
    private static readonly string B64 = Convert.ToBase64String(Key.Blob);

    [Fact]
    public void Comments_blank_lines_and_leading_whitespace_are_skipped_and_lines_keep_their_numbers()
    {
        var entries = KnownHostsParser.Parse("kh", $"# comment\n\n   \n \t host1 {Key.Line} comment here\n\thost2\t{Key.Line}\r\n");

        Assert.Equal([("host1", 4), ("host2", 5)], entries.Select(entry => (entry.Hosts, entry.Line)));
        Assert.Equal("kh:5", entries[1].Where);
        Assert.True(entries[1].Key.SamePublicKey(SshPublicKey.Parse(Key.Blob)));
    }

    [Theory]
    [InlineData("@cert-authority *.example.com KEY", "CertAuthority")]
    [InlineData("@revoked\t*\tssh-ed25519\tB64", "Revoked")]
    [InlineData("host KEY", "None")]
    public void Markers_are_read(string line, string marker) =>
        Assert.Equal(marker, KnownHostsParser.ParseLine("kh", 1, line.Replace("KEY", Key.Line, StringComparison.Ordinal).Replace("B64", B64, StringComparison.Ordinal))?.Marker.ToString());

    [Theory]
    [InlineData("@unknown host KEY")]
    [InlineData("@revoked @revoked host KEY")]
    [InlineData("@revoked @cert-authority host KEY")]
    [InlineData("@revoked")]
    [InlineData("@revoked\t*\tKEY")] // OpenSSH ends a marker at the line's first space, if any: here after the key type
    [InlineData("host")]
    [InlineData("host ssh-ed25519")]
    [InlineData("host ssh-ed25519 ")]
    [InlineData("host # ssh-ed25519 B64")]
    [InlineData("host ssh-rsa B64")]
    [InlineData("host ecdsa-sha2-nistp256 B64")]
    [InlineData("host ssh-ed25519 not-base64!")]
    [InlineData("host ssh-ed25519 AAAA")]
    [InlineData("host ssh-foo B64")]
    [InlineData("host ECDSA B64")]
    public void Lines_OpenSSH_skips_are_skipped(string line) =>
        Assert.Null(KnownHostsParser.ParseLine("kh", 1, line.Replace("KEY", Key.Line, StringComparison.Ordinal).Replace("B64", B64, StringComparison.Ordinal)));

    [Theory]
    [InlineData("host ED25519 B64")]
    [InlineData("host ed25519 B64 trailing comment")]
    public void A_short_type_name_is_read_as_OpenSSH_reads_it(string line) =>
        Assert.NotNull(KnownHostsParser.ParseLine("kh", 1, line.Replace("B64", B64, StringComparison.Ordinal)));

    [Fact]
    public void An_rsa_key_may_be_written_with_a_signature_algorithm_name()
    {
        var rsa = TestKey.Rsa();

        var entry = KnownHostsParser.ParseLine("kh", 1, $"host rsa-sha2-512 {Convert.ToBase64String(rsa.Blob)}");

        Assert.Equal("ssh-rsa", entry?.Key.Type);
    }

    [Fact]
    public void A_bad_line_does_not_hide_the_lines_after_it()
    {
        var entries = KnownHostsParser.Parse("kh", $"@bogus h {Key.Line}\nh ssh-ed25519 AAAA\nh {Key.Line}");

        Assert.Equal(3, Assert.Single(entries).Line);
    }

    [Fact]
    public void A_missing_file_has_no_lines() =>
        Assert.Empty(KnownHostsParser.ReadFile("/nonexistent-4711/known_hosts"));
}
