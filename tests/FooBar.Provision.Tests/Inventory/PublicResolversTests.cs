using FooBar.Provision.Inventory;

namespace FooBar.Provision.Tests.Inventory;

public sealed class PublicResolversTests
{
    [Theory]
    [InlineData("8.8.8.8", "Google Public DNS")]
    [InlineData("8.8.4.4", "Google Public DNS")]
    [InlineData("1.1.1.1", "Cloudflare DNS")]
    [InlineData("1.0.0.1", "Cloudflare DNS")]
    [InlineData("9.9.9.9", "Quad9 DNS")]
    [InlineData("149.112.112.112", "Quad9 DNS")]
    [InlineData("2001:4860:4860::8888", "Google Public DNS")]
    [InlineData("2001:4860:4860::8844", "Google Public DNS")]
    [InlineData("2606:4700:4700::1111", "Cloudflare DNS")]
    [InlineData("2606:4700:4700::1001", "Cloudflare DNS")]
    [InlineData("2620:fe::fe", "Quad9 DNS")]
    [InlineData("2620:fe::9", "Quad9 DNS")]
    [InlineData("2001:4860:4860:0:0:0:0:8888", "Google Public DNS")]
    [InlineData("2001:4860:4860:0000::8888", "Google Public DNS")]
    [InlineData("2606:4700:4700::1111%1", "Cloudflare DNS")]
    [InlineData("::ffff:8.8.8.8", "Google Public DNS")]
    [InlineData("::FFFF:1.1.1.1", "Cloudflare DNS")]
    [InlineData("0x8.8.8.8", "Google Public DNS")]
    [InlineData("134744072", "Google Public DNS")]
    [InlineData(" 9.9.9.9 ", "Quad9 DNS")]
    public void Every_spelling_of_a_public_resolver_is_recognised(string address, string owner) =>
        Assert.Equal(owner, PublicResolvers.Owner(address));

    [Theory]
    [InlineData("192.0.2.10")]
    [InlineData("10.99.1.2")]
    [InlineData("127.0.0.1")]
    [InlineData("8.8.8.9")]
    [InlineData("2001:4860:4860::8889")]
    [InlineData("dns.google")]
    [InlineData("www.foobar.com")]
    public void Other_addresses_are_not_public_resolvers(string address) =>
        Assert.Null(PublicResolvers.Owner(address));
}
