using FooBar.Provision.Transport.HostKeys;

namespace FooBar.Provision.Tests.Transport.HostKeys;

public sealed class HostPatternsTests
{
    [Theory]
    [InlineData("127.0.0.1", "127.0.0.1", true)]
    [InlineData("127.0.0.1", "127.0.0.2", false)]
    [InlineData("127.0.0.*", "127.0.0.1", true)]
    [InlineData("*", "[127.0.0.1]:2222", true)]
    [InlineData("127.0.0.?", "127.0.0.1", true)]
    [InlineData("127.0.0.?", "127.0.0.10", false)]
    [InlineData("*.example.com", "www.example.com", true)]
    [InlineData("*.example.com", "example.com", false)]
    [InlineData("w*w*.e?ample.*", "www.example.com", true)]
    [InlineData("**a", "bba", true)]
    [InlineData("a*b*c", "abxbxc", true)]
    [InlineData("a*b*c", "abxbx", false)]
    [InlineData("", "", true)]
    [InlineData("?", "", false)]
    public void Wildcards_match_like_OpenSSHs_match_pattern(string pattern, string name, bool expected) =>
        Assert.Equal(expected, HostPatterns.Wildcard(name, pattern));

    [Theory]
    [InlineData("a,127.0.0.1,b", "127.0.0.1", 1)]
    [InlineData("a,b", "127.0.0.1", 0)]
    [InlineData("127.0.0.*,!127.0.0.1", "127.0.0.1", -1)]
    [InlineData("!127.0.0.1,127.0.0.*", "127.0.0.1", -1)]
    [InlineData("!127.0.0.2,127.0.0.*", "127.0.0.1", 1)]
    [InlineData("!127.0.0.2", "127.0.0.1", 0)]
    [InlineData("LOCALHOST", "localhost", 1)]
    [InlineData("[127.0.0.1]:2222", "[127.0.0.1]:2222", 1)]
    [InlineData("[127.0.0.1]:2222", "127.0.0.1", 0)]
    [InlineData("[127.0.0.1]:*", "[127.0.0.1]:2222", 1)]
    [InlineData("a,,b", "", 1)]
    public void A_list_matches_when_a_pattern_does_and_no_negated_one_does(string patterns, string name, int expected) =>
        Assert.Equal(expected, HostPatterns.MatchList(patterns, name));

    [Fact]
    public void A_pattern_longer_than_OpenSSHs_buffer_matches_nothing() =>
        Assert.Equal(0, HostPatterns.MatchList(new string('*', 1100), "anything"));

    [Theory]
    [InlineData("|1|uZSpxUMh6QDUhDuLm9t2zv76Rdo=|z6Fk04OhwhX6m+n/zgVIiG8Eask=", "127.0.0.1", true)]
    [InlineData("|1|G5WjCXt5kKO/bDfeyMGxcYr5lNc=|+Y2KuvUfqBrqVBnI55Mv65lx9EQ=", "[localhost]:2222", true)]
    [InlineData("|1|G5WjCXt5kKO/bDfeyMGxcYr5lNc=|+Y2KuvUfqBrqVBnI55Mv65lx9EQ=", "localhost", false)]
    [InlineData("|1|uZSpxUMh6QDUhDuLm9t2zv76Rdo=|z6Fk04OhwhX6m+n/zgVIiG8Eask=,127.0.0.1", "127.0.0.1", false)]
    [InlineData("|1|c2hvcnQ=|z6Fk04OhwhX6m+n/zgVIiG8Eask=", "127.0.0.1", false)]
    [InlineData("|1||z6Fk04OhwhX6m+n/zgVIiG8Eask=", "127.0.0.1", false)]
    [InlineData("|2|uZSpxUMh6QDUhDuLm9t2zv76Rdo=|z6Fk04OhwhX6m+n/zgVIiG8Eask=", "127.0.0.1", false)]
    public void Hashed_names_made_by_ssh_keygen_H_match_only_their_name(string field, string name, bool expected) =>
        Assert.Equal(expected, HostPatterns.Matches(field, name));

    [Fact]
    public void A_name_hashed_here_matches_itself_and_nothing_else()
    {
        var field = HashedHostName.Hash("[www.example.com]:2222");

        Assert.True(HostPatterns.Matches(field, "[www.example.com]:2222"));
        Assert.False(HostPatterns.Matches(field, "www.example.com"));
    }
}
