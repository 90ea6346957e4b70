using System.Text.RegularExpressions;
using FooBar.Provision.Transport;

namespace FooBar.Provision.Tests.Transport;

public sealed class RemoteStopTests
{
    [Fact]
    public void Each_command_gets_its_own_marker() =>
        Assert.NotEqual(RemoteStop.NewMarker(), RemoteStop.NewMarker());

    [Fact]
    public void The_marker_goes_on_the_first_line_so_line_numbers_stay()
    {
        var tagged = RemoteStop.Tag("fbcmd-0123456789abcdef", "set -e\nfalse");

        Assert.Equal(": fbcmd-0123456789abcdef; set -e\nfalse", tagged);
    }

    [Fact]
    public void The_stop_script_finds_the_tagged_command_and_never_itself()
    {
        var marker = RemoteStop.NewMarker();
        var script = RemoteStop.Script(marker);
        var pattern = Regex.Match(script, "pgrep -f '([^']+)'").Groups[1].Value;

        Assert.Matches(pattern, "sh -c " + ShellQuote.Quote(RemoteStop.Tag(marker, "sleep 30")));
        Assert.DoesNotMatch(pattern, "sh -c " + ShellQuote.Quote(script));
        Assert.DoesNotMatch(pattern, "sh -c " + ShellQuote.Quote(RemoteStop.Tag(RemoteStop.NewMarker(), "sleep 30")));
        Assert.Contains("pkill -TERM -s", script, StringComparison.Ordinal);
    }
}
