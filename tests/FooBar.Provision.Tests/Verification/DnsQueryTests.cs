using FooBar.Provision.Verification;

namespace FooBar.Provision.Tests.Verification;

public sealed class DnsQueryTests
{
    [Fact]
    public void A_query_is_a_header_with_one_question_for_the_A_record_in_class_IN()
    {
        var packet = DnsQuery.Build(0x1234, "www.foobar.com");

        byte[] expected =
        [
            0x12, 0x34, 0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // id, RD, QDCOUNT 1
            3, (byte)'w', (byte)'w', (byte)'w', 6, (byte)'f', (byte)'o', (byte)'o', (byte)'b', (byte)'a', (byte)'r', 3, (byte)'c', (byte)'o', (byte)'m', 0,
            0x00, 0x01, 0x00, 0x01, // QTYPE A, QCLASS IN
        ];
        Assert.Equal(expected, packet);
    }

    [Fact]
    public void A_trailing_dot_is_the_same_name()
    {
        Assert.Equal(DnsQuery.EncodeName("foobar.com"), DnsQuery.EncodeName("foobar.com."));
    }

    [Fact]
    public void An_international_name_is_sent_as_punycode()
    {
        Assert.Equal(DnsPackets.Name("xn--bcher-kva.example"), DnsQuery.EncodeName("bücher.example"));
    }

    [Theory]
    [InlineData("www..foobar.com", "empty label")]
    [InlineData("", "empty")]
    public void An_invalid_name_is_refused_before_anything_is_sent(string name, string why)
    {
        var error = Assert.Throws<DnsException>(() => DnsQuery.Build(1, name));

        Assert.Equal(DnsFailure.InvalidName, error.Failure);
        Assert.Contains(why, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_label_longer_than_63_characters_is_refused()
    {
        var error = Assert.Throws<DnsException>(() => DnsQuery.Build(1, new string('a', 64) + ".com"));

        Assert.Contains("longer than 63", error.Message, StringComparison.Ordinal);
    }
}
