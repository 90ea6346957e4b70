using System.Net;
using FooBar.Provision.Verification;
using static FooBar.Provision.Tests.Verification.DnsPackets;
using static FooBar.Provision.Tests.Verification.LoopbackDnsResponder;

namespace FooBar.Provision.Tests.Verification;

/// <summary>How the answers a server sends (hand-made packets, from a server on 127.0.0.1) become addresses or errors.</summary>
public sealed class DnsAnswerTests
{
    [Fact]
    public async Task An_answer_with_A_records_gives_their_addresses()
    {
        var packet = Concat(Header(answers: 2), Question("www.foobar.com"), ARecord(12, 10, 99, 1, 2), ARecord(12, 10, 99, 1, 3));

        var addresses = await ResolveAsync("www.foobar.com", packet);

        Assert.Equal([IPAddress.Parse("10.99.1.2"), IPAddress.Parse("10.99.1.3")], addresses);
    }

    [Fact]
    public async Task A_CNAME_followed_by_the_A_record_of_its_target_gives_the_target_address()
    {
        var question = Question("www.foobar.com");
        var cname = CnameRecord(12, "web.foobar.net");
        var targetOffset = 12 + question.Length + 12; // the CNAME's data starts after its 12-byte fixed part
        var packet = Concat(Header(answers: 2), question, cname, ARecord(targetOffset, 10, 99, 1, 2));

        var addresses = await ResolveAsync("www.foobar.com", packet);

        Assert.Equal([IPAddress.Parse("10.99.1.2")], addresses);
    }

    [Fact]
    public async Task A_CNAME_without_the_A_record_of_its_target_is_no_address_and_names_the_target()
    {
        var packet = Concat(Header(answers: 1), Question("www.foobar.com"), CnameRecord(12, "web.foobar.net"));

        var error = await Assert.ThrowsAsync<DnsException>(() => ResolveAsync("www.foobar.com", packet));

        Assert.Equal(DnsFailure.NoAddress, error.Failure);
        Assert.Contains("CNAME for web.foobar.net", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_answer_is_no_address()
    {
        var packet = Concat(Header(answers: 0), Question("www.foobar.com"));

        var error = await Assert.ThrowsAsync<DnsException>(() => ResolveAsync("www.foobar.com", packet));

        Assert.Equal(DnsFailure.NoAddress, error.Failure);
        Assert.EndsWith("www.foobar.com has no A record at 127.0.0.1", error.Message.Split(':')[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(20)]  // inside the question's name
    [InlineData(40)]  // inside the answer's fixed part
    [InlineData(47)]  // inside the address
    public async Task A_packet_cut_short_is_an_error_not_a_crash(int length)
    {
        var whole = Concat(Header(answers: 1), Question("www.foobar.com"), ARecord(12, 10, 99, 1, 2));

        var error = await Assert.ThrowsAsync<DnsException>(() => ResolveAsync("www.foobar.com", whole[..length]));

        Assert.Equal(DnsFailure.Malformed, error.Failure);
        Assert.StartsWith("cannot read the answer from 127.0.0.1:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_compression_pointer_loop_is_an_error_not_a_hang()
    {
        byte[] loop = [0xC0, 12, 0, 1, 0, 1, 0, 0, 0, 0, 0, 4, 10, 99, 1, 2];
        var packet = Concat(Header(answers: 1)[..4], [0, 0, 0, 1, 0, 0, 0, 0], loop);

        var error = await Assert.ThrowsAsync<DnsException>(() => ResolveAsync("www.foobar.com", packet).WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.Equal(DnsFailure.Malformed, error.Failure);
    }

    /// <summary>Asks a loopback server that answers <paramref name="packet"/> (with the query's id) over UDP and TCP.</summary>
    private static async Task<IReadOnlyList<IPAddress>> ResolveAsync(string name, byte[] packet)
    {
        using var server = new LoopbackDnsResponder(q => [WithIdOf(q, packet)], q => WithIdOf(q, packet));
        return await new DnsServerResolver(server.EndPoint, TimeSpan.FromSeconds(2)).ResolveAsync(name);
    }
}
