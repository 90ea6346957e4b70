using System.Net;
using FooBar.Provision.Verification;
using static FooBar.Provision.Tests.Verification.DnsPackets;

namespace FooBar.Provision.Tests.Verification;

public sealed class DnsResponseTests
{
    private const string Server = "10.99.0.2:53";

    [Fact]
    public void An_answer_with_A_records_gives_their_addresses()
    {
        var packet = Concat(Header(answers: 2), Question("www.foobar.com"), ARecord(12, 10, 99, 1, 2), ARecord(12, 10, 99, 1, 3));

        var addresses = DnsResponse.ParseAddresses(packet, "www.foobar.com", Server);

        Assert.Equal([IPAddress.Parse("10.99.1.2"), IPAddress.Parse("10.99.1.3")], addresses);
    }

    [Fact]
    public void A_CNAME_followed_by_the_A_record_of_its_target_gives_the_target_address()
    {
        var question = Question("www.foobar.com");
        var cname = CnameRecord(12, "web.foobar.net");
        var targetOffset = 12 + question.Length + 12; // the CNAME's data starts after its 12-byte fixed part
        var packet = Concat(Header(answers: 2), question, cname, ARecord(targetOffset, 10, 99, 1, 2));

        var addresses = DnsResponse.ParseAddresses(packet, "www.foobar.com", Server);

        Assert.Equal([IPAddress.Parse("10.99.1.2")], addresses);
    }

    [Fact]
    public void A_CNAME_without_the_A_record_of_its_target_is_no_address_and_names_the_target()
    {
        var packet = Concat(Header(answers: 1), Question("www.foobar.com"), CnameRecord(12, "web.foobar.net"));

        var error = Assert.Throws<DnsException>(() => DnsResponse.ParseAddresses(packet, "www.foobar.com", Server));

        Assert.Equal(DnsFailure.NoAddress, error.Failure);
        Assert.Contains("CNAME for web.foobar.net", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NXDOMAIN_says_the_name_does_not_exist()
    {
        var packet = Concat(Header(answers: 0, responseCode: 3), Question("nope.foobar.com"));

        var error = Assert.Throws<DnsException>(() => DnsResponse.ParseAddresses(packet, "nope.foobar.com", Server));

        Assert.Equal(DnsFailure.NameNotFound, error.Failure);
        Assert.Equal("nope.foobar.com does not exist (NXDOMAIN from 10.99.0.2:53)", error.Message);
    }

    [Fact]
    public void SERVFAIL_is_a_server_failure()
    {
        var packet = Concat(Header(answers: 0, responseCode: 2), Question("www.foobar.com"));

        var error = Assert.Throws<DnsException>(() => DnsResponse.ParseAddresses(packet, "www.foobar.com", Server));

        Assert.Equal((DnsFailure.ServerFailure, true), (error.Failure, error.Message.Contains("SERVFAIL", StringComparison.Ordinal)));
    }

    [Fact]
    public void An_empty_answer_is_no_address()
    {
        var packet = Concat(Header(answers: 0), Question("www.foobar.com"));

        Assert.Equal(DnsFailure.NoAddress, Assert.Throws<DnsException>(() => DnsResponse.ParseAddresses(packet, "www.foobar.com", Server)).Failure);
    }

    [Fact]
    public void An_answer_with_the_TC_flag_is_reported_as_truncated()
    {
        var packet = Concat(Header(answers: 0, truncated: true), Question("www.foobar.com"));

        var error = Assert.Throws<DnsException>(() => DnsResponse.ParseAddresses(packet, "www.foobar.com", Server));

        Assert.Equal(DnsFailure.Malformed, error.Failure);
        Assert.Contains("truncated (TC flag)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(5)]   // inside the header
    [InlineData(20)]  // inside the question's name
    [InlineData(40)]  // inside the answer's fixed part
    [InlineData(47)]  // inside the address
    public void A_packet_cut_short_is_malformed_not_a_crash(int length)
    {
        var whole = Concat(Header(answers: 1), Question("www.foobar.com"), ARecord(12, 10, 99, 1, 2));

        var error = Assert.Throws<DnsException>(() => DnsResponse.ParseAddresses(whole.AsSpan(0, length), "www.foobar.com", Server));

        Assert.Equal(DnsFailure.Malformed, error.Failure);
    }

    [Fact]
    public void A_compression_pointer_loop_is_malformed_not_a_hang()
    {
        byte[] loop = [0xC0, 12, 0, 1, 0, 1, 0, 0, 0, 0, 0, 4, 10, 99, 1, 2];
        var packet = Concat(Header(answers: 1)[..4], [0, 0, 0, 1, 0, 0, 0, 0], loop);

        Assert.Equal(DnsFailure.Malformed, Assert.Throws<DnsException>(() => DnsResponse.ParseAddresses(packet, "x", Server)).Failure);
    }

    [Fact]
    public void Only_a_response_carrying_the_query_id_is_taken_as_the_answer()
    {
        var packet = Concat(Header(answers: 0), Question("www.foobar.com"));

        Assert.True(DnsResponse.IsResponseTo(packet, Id));
        Assert.False(DnsResponse.IsResponseTo(packet, 0x4243));
        Assert.False(DnsResponse.IsResponseTo(DnsQuery.Build(Id, "www.foobar.com"), Id)); // a query, not a response
    }
}
