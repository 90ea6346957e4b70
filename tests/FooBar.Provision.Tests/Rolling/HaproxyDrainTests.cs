using FooBar.Provision.Inventory;
using FooBar.Provision.Roles.Haproxy;
using FooBar.Provision.Rolling;
using FooBar.Provision.Tests.Planning;
using FooBar.Provision.Transport;
using FooBar.Provision.Variables;
using Moq;

namespace FooBar.Provision.Tests.Rolling;

/// <summary>The haproxy role's side of a rolling deploy: its runtime socket, every value quoted, its answers read.</summary>
public sealed class HaproxyDrainTests
{
    private const string Stat = """
        # pxname,svname,qcur,qmax,scur,smax,slim,stot,bin,bout,dreq,dresp,ereq,econ,eresp,wretr,wredis,status,weight,act,bck,chkfail,chkdown,lastchg,downtime,qlimit,pid,iid,sid,throttle,lbtot,tracked,type,rate,rate_lim,rate_max,check_status,check_code
        http,FRONTEND,,,4,9,3000,120,0,0,0,0,0,,,,,OPEN,,,,,,,,,1,2,0,,,,0,1,0,9,,
        web,web1,0,0,2,5,,60,0,0,,0,,0,0,0,0,DRAIN,1,1,0,0,0,12,0,,1,3,1,,60,,2,0,,5,L7OK,200
        web,web2,0,0,0,4,,60,0,0,,0,,0,0,0,0,UP 2/3,1,1,0,1,0,3,0,,1,3,2,,60,,2,0,,4,L7STS,500
        web,web3,0,0,0,4,,60,0,0,,0,,0,0,0,0,DOWN,1,1,0,3,1,3,0,,1,3,3,,60,,2,0,,4,* L4CON,
        web,web4,0,0,0,4,,60,0,0,,0,,0,0,0,0,MAINT,1,1,0,0,0,3,0,,1,3,4,,60,,2,0,,4,,
        web,BACKEND,0,0,2,9,300,120,0,0,0,0,,0,0,0,0,UP,2,2,0,,0,100,0,,1,3,0,,120,,1,0,,9,,
        """;

    private static readonly HostEntry Lb1 = new("lb1", "192.0.2.11") { Groups = ["lb"], Roles = ["haproxy"] };
    private static readonly HostEntry Web1 = new("web1", "192.0.2.21") { Groups = ["web"] };
    private static readonly HostEntry Db1 = new("db1", "192.0.2.31") { Groups = ["db"] };

    [Fact]
    public void A_balancer_fronts_the_hosts_of_its_backend_group_under_their_names()
    {
        var drain = new HaproxyDrain();
        var inventory = new InventoryView([Lb1, Web1, Db1]);
        var defaults = new VariableSet([KeyValuePair.Create<string, object?>("haproxy_backend_name", "web"), KeyValuePair.Create<string, object?>("haproxy_backend_group", "web")]);
        var other = new VariableSet([KeyValuePair.Create<string, object?>("haproxy_backend_name", "app"), KeyValuePair.Create<string, object?>("haproxy_backend_group", "db")]);

        Assert.Equal(new DrainTarget("web", "web1"), drain.Fronts(Lb1, defaults, Web1, inventory));
        Assert.Null(drain.Fronts(Lb1, defaults, Db1, inventory));
        Assert.Equal(new DrainTarget("app", "db1"), drain.Fronts(Lb1, other, Db1, inventory));
        Assert.Null(drain.Fronts(Lb1, new VariableSet([KeyValuePair.Create<string, object?>("haproxy_backend_group", "")]), Web1, inventory));
    }

    [Fact]
    public void The_haproxy_role_is_the_drain_provider_and_fronts_its_backend_group_with_its_declared_defaults()
    {
        var catalog = FooBar.Provision.Roles.BuiltInRoles.Catalog();
        var lb1 = Lb1.WithVariables(("haproxy_backend_group", "web"));
        var role = Assert.IsAssignableFrom<IDrainProvider>(catalog.Get("haproxy"));

        var target = role.Fronts(lb1, catalog.VariablesFor(lb1), Web1, new InventoryView([lb1, Web1, Db1]));

        Assert.Equal(new DrainTarget("web", "web1"), target);
    }

    [Fact]
    public async Task Setting_a_state_sends_one_quoted_command_to_the_admin_socket()
    {
        var (balancer, sent) = Balancer("\n");

        await new HaproxyDrain().SetStateAsync(balancer.Object, new DrainTarget("web", "web1"), DrainState.Drain, CancellationToken.None);

        var command = Assert.Single(sent);
        Assert.False(command.IsReadOnly);
        Assert.Contains("printf '%s\\n' 'set server web/web1 state drain' | socat -t 10 - UNIX-CONNECT:/run/haproxy/admin.sock", command.Script, StringComparison.Ordinal);
        Assert.Contains("else python3 -c 'import socket,sys", command.Script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_name_that_could_break_the_command_line_stays_one_quoted_word()
    {
        var (balancer, sent) = Balancer("\n");

        await new HaproxyDrain().SetStateAsync(balancer.Object, new DrainTarget("web", "x'; reboot; '"), DrainState.Ready, CancellationToken.None);

        Assert.Contains("'set server web/x'\\''; reboot; '\\'' state ready'", Assert.Single(sent).Script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_answer_from_haproxy_to_a_set_is_a_refusal()
    {
        var (balancer, _) = Balancer("No such server.\n");

        var failure = await Assert.ThrowsAsync<ProvisionException>(() => new HaproxyDrain().SetStateAsync(balancer.Object, new DrainTarget("web", "web9"), DrainState.Drain, CancellationToken.None));

        Assert.Contains("No such server.", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("web1", 2, true, "DRAIN (L7OK)")]
    [InlineData("web2", 0, false, "UP 2/3 (L7STS)")]
    [InlineData("web3", 0, false, "DOWN (L4CON)")]
    [InlineData("web4", 0, false, "MAINT")]
    public async Task Show_stat_gives_the_sessions_and_whether_the_health_check_passes(string server, int sessions, bool up, string status)
    {
        var (balancer, sent) = Balancer(Stat);

        var reading = await new HaproxyDrain().ReadAsync(balancer.Object, new DrainTarget("web", server), CancellationToken.None);

        Assert.Equal(new BalancerReading(sessions, up, status), reading);
        Assert.True(Assert.Single(sent).IsReadOnly);
    }

    [Fact]
    public async Task A_server_the_balancer_does_not_know_is_an_error()
    {
        var (balancer, _) = Balancer(Stat);

        await Assert.ThrowsAsync<ProvisionException>(() => new HaproxyDrain().ReadAsync(balancer.Object, new DrainTarget("web", "web9"), CancellationToken.None));
    }

    private static (Mock<IHostConnection> Balancer, List<RemoteCommand> Sent) Balancer(string answer)
    {
        var sent = new List<RemoteCommand>();
        var balancer = new Mock<IHostConnection>(MockBehavior.Strict);
        balancer.SetupGet(b => b.HostName).Returns("lb1");
        balancer.Setup(b => b.RunAsync(It.IsAny<RemoteCommand>(), It.IsAny<CancellationToken>()))
            .Callback((RemoteCommand c, CancellationToken _) => sent.Add(c))
            .ReturnsAsync(new CommandResult(0, answer, ""));
        return (balancer, sent);
    }
}
