using FooBar.Provision.Roles.AppFiles;
using FooBar.Provision.Transport;
using Moq;

namespace FooBar.Provision.Tests.Roles.AppFiles;

public sealed class AppFilesRollbackTests
{
    private const string A = "aaaaaaaaaaaa";
    private const string B = "bbbbbbbbbbbb";
    private const string C = "cccccccccccc";

    private readonly List<RemoteCommand> _sent = [];

    private static string State(string current, string[] history, string[] newestFirst) =>
        $"current releases/{current}\n" + string.Concat(history.Select(h => $"history {h}\n")) + string.Concat(newestFirst.Select(r => $"release {r}\n"));

    // A strict host that answers the read with <paramref name="state"/> and every later command with success.
    private async Task<(string From, string To)> RollbackAsync(string state)
    {
        var connection = new Mock<IHostConnection>(MockBehavior.Strict);
        connection.SetupGet(c => c.HostName).Returns("web");
        connection.Setup(c => c.RunAsync(It.IsAny<RemoteCommand>(), It.IsAny<CancellationToken>()))
            .Returns((RemoteCommand command, CancellationToken _) =>
            {
                _sent.Add(command);
                return Task.FromResult(new CommandResult(0, _sent.Count == 1 ? state : "", ""));
            });
        return await AppFilesRollback.RollbackAsync(connection.Object, "/srv/foobar/", CancellationToken.None);
    }

    [Fact]
    public async Task Rollback_switches_current_to_the_previous_activation_and_pops_the_history()
    {
        var (from, to) = await RollbackAsync(State(C, [A, B, C], [C, B, A]));

        Assert.Equal((C, B), (from, to));
        Assert.Equal(2, _sent.Count);
        Assert.True(_sent[0].IsReadOnly);
        var script = _sent[1].Script;
        Assert.Contains($"[ \"$(readlink current)\" = releases/{C} ] ||", script, StringComparison.Ordinal);
        Assert.Contains($"ln -sfn releases/{B} current.provision-new\nmv -Tf current.provision-new current\n", script, StringComparison.Ordinal);
        Assert.Contains($"printf '%s\\n' {A} {B} > releases/.history.new && mv -f releases/.history.new releases/.history", script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_release_deployed_again_rolls_back_to_the_one_live_in_between()
    {
        var (_, to) = await RollbackAsync(State(A, [A, B, A], [A, B]));

        Assert.Equal(B, to);
    }

    [Fact]
    public async Task Pruned_releases_in_the_history_are_skipped()
    {
        var (_, to) = await RollbackAsync(State(C, [A, B, C], [C, A]));

        Assert.Equal(A, to);
    }

    [Fact]
    public async Task Without_a_history_the_next_older_release_by_time_is_used_and_no_history_is_written()
    {
        var (_, to) = await RollbackAsync(State(B, [], [C, B, A]));

        Assert.Equal(A, to);
        Assert.DoesNotContain(".history", _sent[1].Script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_previous_release_is_a_clear_error_and_nothing_is_switched()
    {
        var error = await Assert.ThrowsAsync<ProvisionException>(() => RollbackAsync(State(A, [A], [A])));

        Assert.Contains($"no release before {A}", error.Message, StringComparison.Ordinal);
        Assert.Single(_sent);
    }

    [Fact]
    public async Task A_host_without_a_current_release_is_a_clear_error()
    {
        var error = await Assert.ThrowsAsync<ProvisionException>(() => RollbackAsync("current \n"));

        Assert.Contains("does not point to a release", error.Message, StringComparison.Ordinal);
    }
}
