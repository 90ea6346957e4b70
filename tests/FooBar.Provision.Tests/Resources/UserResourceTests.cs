using FooBar.Provision.Resources;
using FooBar.Provision.Tests.Planning;

namespace FooBar.Provision.Tests.Resources;

/// <summary>A system user: created with useradd's options, an existing one updated with usermod's own.</summary>
public sealed class UserResourceTests
{
    private static readonly UserResource Foobar = new("foobar", "foobar", "/srv/foobar");

    [Fact]
    public async Task A_missing_user_is_created_as_a_system_user()
    {
        Assert.Equal("useradd --system --no-create-home --gid foobar --shell /usr/sbin/nologin --home-dir /srv/foobar foobar", await ScriptAsync("absent"));
    }

    [Fact]
    public async Task A_user_whose_home_and_shell_drifted_gets_usermod_home_and_shell_never_useradds_home_dir()
    {
        var script = await ScriptAsync("foobar /tmp:/bin/bash");

        Assert.Equal("usermod --home /srv/foobar --shell /usr/sbin/nologin foobar", script);
        Assert.DoesNotContain("--home-dir", script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_what_differs_is_changed()
    {
        Assert.Equal("usermod --shell /usr/sbin/nologin foobar", await ScriptAsync("foobar /srv/foobar:/bin/sh"));
        Assert.Equal("usermod --gid foobar foobar", await ScriptAsync("nogroup /srv/foobar:/usr/sbin/nologin"));
    }

    [Fact]
    public void A_user_in_state_needs_nothing() =>
        Assert.Null(Foobar.Compare(new ProbeResult(0, "foobar /srv/foobar:/usr/sbin/nologin\n"), new PlanContext(FakeHost.Facts)));

    [Theory]
    [InlineData("root")]
    [InlineData("svc")]
    [InlineData("nosuchuser-fb")]
    public void The_probe_prints_what_getent_cut_to_home_and_shell_prints_with_one_getent_and_one_id(string user)
    {
        using var shell = new ProbeShell();
        // svc: a GECOS with spaces and commas and an empty home, from the name service as getent prints it.
        shell.Stub("getent", "if [ \"$2\" = svc ]; then echo 'svc:x:0:0:Some Service, Room 1,,::/bin/false'; else exec /usr/bin/getent \"$@\"; fi\n");
        shell.Stub("id", "exec /usr/bin/id \"$@\"\n");
        var resource = new UserResource(user, "root", "/srv/x");
        var expected = shell.Run($"if getent passwd '{user}' >/dev/null; then echo \"$(id -gn '{user}') $(getent passwd '{user}' | cut -d: -f6,7)\"; else echo absent; fi");
        shell.ClearCalls();

        var probe = shell.Alone([resource])[0];

        Assert.Equal(expected, probe.Output);
        Assert.Equal(user == "nosuchuser-fb" ? ["getent"] : ["getent", "id"], shell.Calls.Select(c => c.Split(' ')[0]).ToArray());
    }

    private static async Task<string> ScriptAsync(string probe)
    {
        var change = Foobar.Compare(new ProbeResult(0, probe + "\n"), new PlanContext(FakeHost.Facts));
        var host = new FakeHost("web1");
        await change!.Apply(host, CancellationToken.None);
        return Assert.Single(host.Sent).Script;
    }
}
