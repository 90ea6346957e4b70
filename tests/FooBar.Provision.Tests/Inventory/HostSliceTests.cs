using CsCheck;
using FooBar.Provision.Inventory;

namespace FooBar.Provision.Tests.Inventory;

public sealed class HostSliceTests
{
    // Host names as inventories have them: letters, digits, '-', '_' and '.', with shared prefixes so that ordering matters.
    private static readonly Gen<string> Name =
        Gen.Select(Gen.OneOfConst("web", "db", "lab", "app-", "Web", "w"), Gen.String[Gen.Char["abz09-_.AZ"], 0, 6])
            .Select((prefix, rest) => prefix + rest);

    private static readonly Gen<HostEntry[]> Inventory =
        Name.HashSet[0, 80].Select(names => names.Select((name, i) => new HostEntry(name, $"192.0.2.{i % 250}")).ToArray());

    [Fact]
    public void The_slices_1_to_N_partition_the_hosts_in_balanced_shares_whatever_their_order_in_the_file()
    {
        Gen.Select(Inventory, Gen.Int[1, 25], Gen.Int).Sample((hosts, count, seed) =>
        {
            var slices = Enumerable.Range(1, count).Select(k => new HostSlice(k, count).Select(hosts)).ToArray();

            // Disjoint and together every host: each host is in exactly one slice.
            var all = slices.SelectMany(slice => slice).ToArray();
            Assert.Equal(hosts.Length, all.Length);
            Assert.Equal(hosts.ToHashSet(), all.ToHashSet());

            // Balanced: sizes differ by at most one.
            Assert.True(slices.Max(s => s.Count) - slices.Min(s => s.Count) <= 1, $"sizes {string.Join(',', slices.Select(s => s.Count))}");

            // The order of the hosts in the file does not change which slice holds which host.
            var shuffled = hosts.ToArray();
            new Random(seed).Shuffle(shuffled);
            for (var k = 1; k <= count; k++)
            {
                var again = new HostSlice(k, count).Select(shuffled).Select(h => h.Name).Order(StringComparer.Ordinal);
                Assert.Equal(slices[k - 1].Select(h => h.Name).Order(StringComparer.Ordinal), again);
            }
        }, iter: 500);
    }

    [Fact]
    public void A_slice_keeps_the_hosts_in_their_given_order()
    {
        Gen.Select(Inventory, Gen.Int[1, 6]).Sample((hosts, count) =>
        {
            var slice = new HostSlice(1, count).Select(hosts);
            Assert.Equal(hosts.Where(slice.Contains), slice);
        }, iter: 200);
    }

    [Fact]
    public void Hosts_sorted_by_name_are_dealt_round_robin()
    {
        HostEntry[] hosts = [new("web3", "192.0.2.3"), new("db1", "192.0.2.4"), new("web1", "192.0.2.1"), new("web10", "192.0.2.10"), new("web2", "192.0.2.2")];

        // Ordinal order: db1, web1, web10, web2, web3.
        Assert.Equal(["db1", "web2"], new HostSlice(1, 3).Select(hosts).Select(h => h.Name).Order(StringComparer.Ordinal));
        Assert.Equal(["web1", "web3"], new HostSlice(2, 3).Select(hosts).Select(h => h.Name).Order(StringComparer.Ordinal));
        Assert.Equal(["web10"], new HostSlice(3, 3).Select(hosts).Select(h => h.Name));
    }

    [Fact]
    public void More_slices_than_hosts_leaves_the_last_slices_empty()
    {
        HostEntry[] hosts = [new("a", "192.0.2.1"), new("b", "192.0.2.2")];

        Assert.Equal(["b"], new HostSlice(2, 5).Select(hosts).Select(h => h.Name));
        Assert.Empty(new HostSlice(3, 5).Select(hosts));
    }

    [Theory]
    [InlineData("1/1", 1, 1)]
    [InlineData("2/5", 2, 5)]
    [InlineData(" 5/5 ", 5, 5)]
    [InlineData("007/10", 7, 10)]
    public void Parse_reads_K_slash_N(string text, int index, int count)
    {
        var slice = HostSlice.Parse(text);

        Assert.Equal(new HostSlice(index, count), slice);
        Assert.Equal($"{index}/{count}", slice.ToString());
    }

    [Theory]
    [InlineData("", "is not K/N")]
    [InlineData("3", "is not K/N")]
    [InlineData("a/b", "is not K/N")]
    [InlineData("1/2/3", "is not K/N")]
    [InlineData("-1/3", "is not K/N")]
    [InlineData("+1/3", "is not K/N")]
    [InlineData("1 /3", "is not K/N")]
    [InlineData("1/3.0", "is not K/N")]
    [InlineData("1/٣", "is not K/N")]
    [InlineData("99999999999/3", "is not K/N")]
    [InlineData("1/0", "cuts the hosts into 0 slices")]
    [InlineData("0/0", "cuts the hosts into 0 slices")]
    [InlineData("0/3", "slices are numbered 1 to 3")]
    [InlineData("4/3", "slices are numbered 1 to 3")]
    public void Parse_refuses_anything_else_with_a_command_line_error(string text, string message)
    {
        var error = Assert.Single(Assert.Throws<InventoryException>(() => HostSlice.Parse(text)).Errors);

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(InventoryLoader.CommandLine, error.Location);
        Assert.False(string.IsNullOrWhiteSpace(error.Hint));
    }

    [Fact]
    public void A_zero_based_index_is_told_how_to_pass_a_Kubernetes_completion_index()
    {
        var error = Assert.Single(Assert.Throws<InventoryException>(() => HostSlice.Parse("0/4")).Errors);

        Assert.Contains("JOB_COMPLETION_INDEX + 1", error.Hint, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(0, 1)]
    [InlineData(2, 1)]
    [InlineData(-1, 3)]
    public void The_constructor_refuses_a_slice_outside_1_to_N(int index, int count) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new HostSlice(index, count));
}
