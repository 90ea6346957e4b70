using System.Net;
using FooBar.Provision.Verification;
using static FooBar.Provision.Tests.Verification.LoopbackDnsResponder;

namespace FooBar.Provision.Tests.Verification;

public sealed class DnsClientTests
{
    [Fact]
    public async Task A_query_to_a_loopback_server_comes_back_with_its_A_record()
    {
        using var server = new LoopbackDnsResponder(q => [ARecordReply(q, 10, 99, 1, 2)]);
        var client = new DnsClient(server.EndPoint, TimeSpan.FromSeconds(5));

        var addresses = await client.ResolveAsync("www.foobar.com");

        Assert.Equal([IPAddress.Parse("10.99.1.2")], addresses);
        var query = Assert.Single(server.Queries);
        Assert.Equal(DnsQuery.Build(BitConverter.ToUInt16([query[1], query[0]]), "www.foobar.com"), query);
    }

    [Fact]
    public async Task A_reply_with_another_id_is_ignored_and_the_real_answer_is_taken()
    {
        using var server = new LoopbackDnsResponder(q =>
        {
            var spoofed = ARecordReply(q, 203, 0, 113, 9);
            spoofed[0] ^= 0xFF;
            return [spoofed, ARecordReply(q, 10, 99, 1, 2)];
        });

        var addresses = await new DnsClient(server.EndPoint, TimeSpan.FromSeconds(5)).ResolveAsync("www.foobar.com");

        Assert.Equal([IPAddress.Parse("10.99.1.2")], addresses);
    }

    [Fact]
    public async Task NXDOMAIN_from_the_server_is_name_not_found()
    {
        using var server = new LoopbackDnsResponder(q => [ARecordReply(q, 0, 0, 0, 0, responseCode: 3)]);

        var error = await Assert.ThrowsAsync<DnsException>(() => new DnsClient(server.EndPoint, TimeSpan.FromSeconds(5)).ResolveAsync("nope.foobar.com"));

        Assert.Equal(DnsFailure.NameNotFound, error.Failure);
        Assert.Contains($"NXDOMAIN from {server.EndPoint}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lost_query_is_sent_again_once_half_the_timeout_has_passed()
    {
        var clock = new ManualTimeProvider();
        var calls = 0;
        using var server = new LoopbackDnsResponder(q => Interlocked.Increment(ref calls) == 1 ? [] : [ARecordReply(q, 10, 99, 1, 2)]);
        var resolving = new DnsClient(server.EndPoint, TimeSpan.FromSeconds(2), clock).ResolveAsync("www.foobar.com");
        await ManualTimeProvider.WaitUntilAsync(() => server.Queries.Count == 1 && clock.ActiveTimers == 2);

        clock.Advance(TimeSpan.FromSeconds(1));
        var addresses = await resolving.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal([IPAddress.Parse("10.99.1.2")], addresses);
        Assert.Equal(2, server.Queries.Count);
    }

    [Fact]
    public async Task A_server_that_never_answers_times_out_with_a_dns_exception()
    {
        var clock = new ManualTimeProvider();
        using var server = new LoopbackDnsResponder(_ => []);
        var resolving = new DnsClient(server.EndPoint, TimeSpan.FromSeconds(3), clock).ResolveAsync("www.foobar.com");
        await ManualTimeProvider.WaitUntilAsync(() => server.Queries.Count == 1 && clock.ActiveTimers == 2);

        clock.Advance(TimeSpan.FromSeconds(1.5));
        await ManualTimeProvider.WaitUntilAsync(() => server.Queries.Count == 2);
        clock.Advance(TimeSpan.FromSeconds(1.5));
        var error = await Assert.ThrowsAsync<DnsException>(() => resolving.WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.Equal(DnsFailure.Timeout, error.Failure);
        Assert.Equal($"no answer from the DNS server {server.EndPoint} for www.foobar.com within 3 s", error.Message);
    }

    [Fact]
    public async Task A_cancelled_lookup_is_cancelled_not_a_timeout()
    {
        using var server = new LoopbackDnsResponder(_ => []);
        using var cancellation = new CancellationTokenSource();
        var resolving = new DnsClient(server.EndPoint, TimeSpan.FromSeconds(30)).ResolveAsync("www.foobar.com", cancellation.Token);
        await ManualTimeProvider.WaitUntilAsync(() => server.Queries.Count == 1);

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => resolving);
    }

    [Fact]
    public async Task An_IP_address_resolves_to_itself_without_a_query()
    {
        using var server = new LoopbackDnsResponder(q => [ARecordReply(q, 10, 99, 1, 2)]);

        var addresses = await new DnsClient(server.EndPoint, TimeSpan.FromSeconds(5)).ResolveAsync("10.99.2.2");

        Assert.Equal([IPAddress.Parse("10.99.2.2")], addresses);
        Assert.Empty(server.Queries);
    }

    [Theory]
    [InlineData("10.99.0.2", "10.99.0.2:53")]
    [InlineData("10.99.0.2:5353", "10.99.0.2:5353")]
    [InlineData("[::1]:53", "[::1]:53")]
    public void A_server_is_an_IP_with_an_optional_port(string text, string expected)
    {
        Assert.Equal(expected, DnsClient.ParseServer(text).ToString());
    }

    [Fact]
    public void A_server_given_as_a_name_is_refused()
    {
        Assert.Throws<FormatException>(() => DnsClient.ParseServer("dns.example"));
    }

    [Fact]
    public async Task The_system_resolver_returns_an_IP_address_as_is()
    {
        var addresses = await new SystemDnsResolver(TimeSpan.FromSeconds(1)).ResolveAsync("10.99.1.2");

        Assert.Equal([IPAddress.Parse("10.99.1.2")], addresses);
    }
}
