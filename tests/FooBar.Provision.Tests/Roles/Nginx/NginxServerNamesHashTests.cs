using FooBar.Provision.Testing;

namespace FooBar.Provision.Tests.Roles.Nginx;

/// <summary>server_names_hash_bucket_size fits the longest server name, so a long domain survives a second site.</summary>
public sealed class NginxServerNamesHashTests
{
    private const string Main = "/etc/nginx/nginx.conf";

    [Theory]
    [InlineData("www.foobar.com", 64)]
    [InlineData("a234567890123456789012345678901234567890123456", 64)]
    [InlineData("a2345678901234567890123456789012345678901234567", 128)]
    [InlineData("a23456789012345678901234567890123456789012345678901234567890.example.com", 128)]
    public void Auto_is_the_smallest_power_of_two_that_fits_the_longest_name(string domain, int expected)
    {
        var conf = NginxFixture.Build(new Dictionary<string, object?> { ["domain"] = domain }).File(Main).Text();

        Assert.Contains($"  server_names_hash_bucket_size {expected};\n", conf, StringComparison.Ordinal);
    }

    [Fact]
    public void An_alias_longer_than_the_domain_decides()
    {
        var alias = new string('a', 60) + "." + new string('b', 50) + ".example.com";

        var conf = NginxFixture.Build(new Dictionary<string, object?> { ["domain_aliases"] = new List<object?> { alias } }).File(Main).Text();

        Assert.Contains("  server_names_hash_bucket_size 256;\n", conf, StringComparison.Ordinal);
    }

    [Fact]
    public void A_chosen_size_is_kept_when_it_fits()
    {
        var conf = NginxFixture.Build(new Dictionary<string, object?> { ["nginx_server_names_hash_bucket_size"] = "512" }).File(Main).Text();

        Assert.Contains("  server_names_hash_bucket_size 512;\n", conf, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("100", "power of two")]
    [InlineData("16", "power of two")]
    [InlineData("big", "power of two")]
    [InlineData("32", "too small")]
    public void A_size_that_is_not_a_power_of_two_or_too_small_for_the_names_fails_before_any_host(string value, string words)
    {
        var error = Assert.Throws<FooBar.Provision.Inventory.InventoryException>(() => NginxFixture.Build(new Dictionary<string, object?>
        {
            ["domain"] = "a-name-of-more-than-forty-six-characters.example.com",
            ["nginx_server_names_hash_bucket_size"] = value,
        }));

        Assert.Contains("nginx_server_names_hash_bucket_size", error.Message, StringComparison.Ordinal);
        Assert.Contains(words, error.Message, StringComparison.Ordinal);
    }
}
