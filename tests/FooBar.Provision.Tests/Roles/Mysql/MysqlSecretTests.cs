using FooBar.Provision.Resources;
using FooBar.Provision.Transport;
using static FooBar.Provision.Tests.Roles.Mysql.MysqlFixture;

namespace FooBar.Provision.Tests.Roles.Mysql;

public sealed class MysqlSecretTests
{
    private const string Other = "0ther-Secret.pw";

    private static readonly string[] Outputs =
    [
        "absent",
        "unreachable ERROR 2002 (HY000): Can't connect",
        "password 0000000000000000000000000000000000000000000000000000000000000000\ngrant `foobar`.*\tSELECT\t-\ngrant `mysql`.*\tSELECT\t-",
    ];

    [Fact]
    public async Task No_password_reaches_a_probe_a_summary_a_diff_or_a_command_line()
    {
        var extra = new Dictionary<string, object?> { ["name"] = "report", ["password"] = Secret(Other), ["database"] = "foobar" };
        var builder = Build(new Dictionary<string, object?> { ["mysql_users"] = new List<object?> { extra } });
        var sent = new List<RemoteCommand>();

        foreach (var resource in builder.Resources.Where(r => r is not FileResource and not AptPackages and not ServiceResource))
        {
            AssertClean(resource.ProbeScript.Text);
            foreach (var output in Outputs)
            {
                var change = resource.Compare(Probe(output), Plan);
                if (change is not null)
                {
                    AssertClean(change.Summary);
                    AssertClean(change.Diff ?? "");
                    sent.AddRange(await ApplyAsync(change));
                }
            }
        }

        Assert.All(sent, command => AssertClean(command.Script));
        Assert.Contains(sent, command => command.Stdin().Contains(Password, StringComparison.Ordinal));
        Assert.Contains(sent, command => command.Stdin().Contains(Other, StringComparison.Ordinal));
    }

    private static void AssertClean(string text)
    {
        Assert.DoesNotContain(Password, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Other, text, StringComparison.Ordinal);
    }
}
