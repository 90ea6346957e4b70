using FooBar.Provision.Inventory;

namespace FooBar.Provision.Tests.Rolling;

public sealed class BatchSizeTests
{
    [Theory]
    [InlineData("1", 10, 1)]
    [InlineData("3", 2, 2)]
    [InlineData("30%", 10, 3)]
    [InlineData("30%", 3, 1)]
    [InlineData("50%", 5, 2)]
    [InlineData("1%", 4, 1)]
    [InlineData("100%", 4, 4)]
    [InlineData("99%", 4, 3)]
    public void A_batch_holds_the_share_of_the_hosts_rounded_down_and_at_least_one(string serial, int hosts, int expected)
    {
        Assert.Equal(expected, BatchSize.TryParse(serial, out _)?.For(hosts));
    }

    [Theory]
    [InlineData("0", "0 would run no host")]
    [InlineData("0%", "0 would run no host")]
    [InlineData("150%", "150% is more than all the hosts")]
    [InlineData("abc", "is not a number")]
    [InlineData("-1", "is not a number")]
    [InlineData("", "is not a number")]
    [InlineData("1.5", "is not a number")]
    [InlineData("%", "is not a number")]
    public void Bad_values_are_refused_with_the_reason(string serial, string reason)
    {
        Assert.Null(BatchSize.TryParse(serial, out var problem));
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Split_keeps_the_order_and_puts_the_remainder_last()
    {
        Assert.Equal([[1, 2], [3, 4], [5]], BatchSize.Hosts(2).Split([1, 2, 3, 4, 5]));
        Assert.Equal([[1], [2], [3]], BatchSize.Percent(10).Split([1, 2, 3]));
    }
}
