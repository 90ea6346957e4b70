using FooBar.Provision.Inventory;

namespace FooBar.Provision.Tests.Inventory;

public sealed class HostPatternsTests : IDisposable
{
    private static readonly InventoryModel Model = new(
        "inventory.yaml",
        new[] { "web1", "web2", "web10", "db1", "db2", "cache" }.Select((name, i) => new HostEntry(name, $"192.0.2.{i + 1}")).ToArray(),
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
        {
            ["web"] = ["web1", "web2", "web10"],
            ["db"] = ["db1", "db2"],
            ["eu"] = ["web1", "db1", "cache"],
            ["empty"] = [],
        });

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData("web1", "web1")]
    [InlineData("web", "web1,web2,web10")]
    [InlineData("db2,web1", "web1,db2")]
    [InlineData(" web1 , db1 ,", "web1,db1")]
    [InlineData("all", "web1,web2,web10,db1,db2,cache")]
    [InlineData("web*", "web1,web2,web10")]
    [InlineData("web?", "web1,web2")]
    [InlineData("*1", "web1,db1")]
    [InlineData("db[12]", "db1,db2")]
    [InlineData("web[!1]", "web2")]
    [InlineData("e*", "web1,db1,cache")]
    [InlineData("~web\\d$", "web1,web2")]
    [InlineData("~b", "")]
    [InlineData("web,!web2", "web1,web10")]
    [InlineData("!web2,web", "web1,web10")]
    [InlineData("!db", "web1,web2,web10,cache")]
    [InlineData("web,&eu", "web1")]
    [InlineData("&eu", "web1,db1,cache")]
    [InlineData("all,&eu,!db*", "web1,cache")]
    [InlineData("web*,db1,&eu,!cache", "web1,db1")]
    public void A_limit_selects_the_hosts_ansible_would_in_inventory_order(string limit, string expected)
    {
        if (expected.Length == 0)
        {
            // A regular expression is anchored at the start of the name, as ansible's re.match: '~b' matches no name.
            Assert.Throws<InventoryException>(() => Model.Select(limit));
            return;
        }

        Assert.Equal(expected.Split(','), Model.Select(limit).Select(h => h.Name));
    }

    [Fact]
    public void No_limit_selects_every_host() =>
        Assert.Equal(6, Model.Select(null).Count);

    [Theory]
    [InlineData(" ")]
    [InlineData("")]
    [InlineData(",")]
    [InlineData(" , ,")]
    public void A_limit_that_holds_no_pattern_is_an_error_never_every_host(string limit)
    {
        var error = Assert.Single(Assert.Throws<InventoryException>(() => Model.Select(limit)).Errors);

        Assert.Contains("holds no host or group pattern", error.Message, StringComparison.Ordinal);
        Assert.Contains("leave --limit out to select every host", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_limit_file_is_an_error_never_every_host()
    {
        var path = _directory.Write("failed-hosts.txt", "# no host failed\n\n");

        var error = Assert.Single(Assert.Throws<InventoryException>(() => Model.Select("@" + path)).Errors);

        Assert.Contains("holds no host or group pattern", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("wbe1", "--limit pattern 'wbe1' matches no host or group of this inventory", "did you mean 'web1'?")]
    [InlineData("mail*", "--limit pattern 'mail*' matches no host or group of this inventory", "hosts and groups: cache, db, db1")]
    [InlineData("web,!nope", "--limit pattern 'nope' matches no host or group", "hosts and groups: ")]
    [InlineData("web,&dbb", "--limit pattern 'dbb' matches no host or group", "did you mean 'db'?")]
    [InlineData("empty", "--limit pattern 'empty' names only groups with no hosts", "hosts and groups: ")]
    [InlineData("web,!", "--limit has a '!' or '&' with no pattern after it", "!PATTERN")]
    [InlineData("~web(", "--limit pattern '~web(' is not a valid regular expression", "~REGEX")]
    [InlineData("web,&db", "--limit 'web,&db' selects no host", "loosen")]
    [InlineData("all,!web*,!db,!cache", "selects no host", "loosen")]
    public void A_pattern_that_matches_nothing_is_an_error_that_says_which_and_what_to_do(string limit, string message, string hint)
    {
        var error = Assert.Single(Assert.Throws<InventoryException>(() => Model.Select(limit)).Errors);

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Contains(hint, error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_pattern_that_matches_nothing_is_reported_at_once()
    {
        var errors = Assert.Throws<InventoryException>(() => Model.Select("nope1,web,!nope2,&nope3")).Errors;

        Assert.Equal(["'nope1'", "'nope2'", "'nope3'"], errors.Select(e => e.Message.Split(' ')[2]));
    }

    [Fact]
    public void An_at_file_lists_patterns_one_or_more_per_line_with_comments_and_blank_lines()
    {
        var file = _directory.Write("retry.txt", "# failed last time\nweb1\n\n  db*, !db2  \n");

        Assert.Equal(["web1", "db1"], Model.Select($"@{file}").Select(h => h.Name));
        Assert.Equal(["web1"], Model.Select($"@{file},&web").Select(h => h.Name));
    }

    [Fact]
    public void A_pattern_of_an_at_file_that_matches_nothing_is_reported_at_its_line()
    {
        var file = _directory.Write("retry.txt", "web1\nweb9\n");

        var error = Assert.Single(Assert.Throws<InventoryException>(() => Model.Select($"@{file}")).Errors);

        Assert.Equal(new SourceLocation(file, 2, 1), error.Location);
        Assert.Contains("'web9'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("missing.txt", "it does not exist")]
    [InlineData("", "it is a directory")]
    public void An_at_file_that_cannot_be_read_is_an_error(string name, string reason)
    {
        var path = Path.Combine(_directory.Path, name);

        var error = Assert.Single(Assert.Throws<InventoryException>(() => Model.Select($"@{path}")).Errors);

        Assert.Contains($"cannot read the file: {reason}", error.Message, StringComparison.Ordinal);
        Assert.Contains("--limit @FILE", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void An_at_file_may_not_name_another_file()
    {
        var file = _directory.Write("a.txt", "@b.txt\n");

        var error = Assert.Single(Assert.Throws<InventoryException>(() => Model.Select($"@{file}")).Errors);

        Assert.Contains("names another file", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("web.*", "web.1", "web11")]
    [InlineData("a+b", "a+b", "aab")]
    [InlineData("x[a-c]", "xb", "xd")]
    [InlineData("[]]x", "]x", "ax")]
    public void A_glob_is_literal_except_for_its_wildcards(string glob, string matching, string other)
    {
        var regex = new System.Text.RegularExpressions.Regex(HostPatterns.GlobToRegex(glob));

        Assert.Matches(regex, matching);
        Assert.DoesNotMatch(regex, other);
    }
}
