using FooBar.Provision.Facts;
using FooBar.Provision.Inventory;
using FooBar.Provision.Resources;
using FooBar.Provision.Roles;
using FooBar.Provision.Roles.Base;
using FooBar.Provision.Testing;
using FooBar.Provision.Tests.Roles.AppFiles;
using FooBar.Provision.Tests.Roles.AppServer;
using FooBar.Provision.Tests.Roles.Mysql;
using FooBar.Provision.Tests.Roles.Nginx;
using FooBar.Provision.Tests.Transport;
using FooBar.Provision.Transport;
using FooBar.Provision.Variables;
using Moq;

namespace FooBar.Provision.Tests.Roles;

/// <summary>
/// Every remote script of every built-in role (each resource's probe, the changes its comparison yields for the states
/// a probe can report, the file writes, every handler's scripts), built with sentinel values in the variables that
/// reach scripts: each script parses (<c>sh -n</c>), each path sentinel appears only inside single quotes (so it arrives
/// as written), and no free-text or secret sentinel appears in any script (those travel as file content or stdin).
/// </summary>
public sealed class RoleScriptQuotingTests
{
    // Valid for their rules (absolute paths allow = ~ , + @), and each of = and ~ forces quoting: unquoted, a word
    // starting with such a path could be an assignment or a tilde expansion.
    private const string MotdPath = "/etc/m=1~o,t+d@x";
    private const string BaseDirectory = "/srv/d=2~i,r+e@x";
    private const string MysqlConfig = "/etc/mysql/c=3~n,f+x@x.cnf";
    private const string FreeText = "FREE'TEXT $(touch /tmp/fb-pwned) `id` \"q\" \\ ;|&";

    private static readonly string[] ProbeAnswers = ["absent\n", "present\n", "notdir\n", "notfile\n", "notlink\n", "todo\n", "incomplete\n", "0 root root 1\n"];

    [Fact]
    public async Task Every_script_of_every_built_in_role_parses_and_carries_its_values_quoted()
    {
        using var appFiles = new AppFilesCheckout();
        var builds = new (string Name, RoleBuilder Builder, string[] Paths)[]
        {
            ("base", BuildBase(), [MotdPath, BaseDirectory]),
            ("mysql", MysqlFixture.Build(new Dictionary<string, object?> { ["mysql_config_path"] = MysqlConfig, ["db_password"] = new SecretValue("test", FreeText) }), [MysqlConfig]),
            ("nginx", NginxFixture.Build(new Dictionary<string, object?> { ["nginx_extra_config"] = "# " + FreeText }), []),
            ("app-server gunicorn", AppServerFixture.Build(), []),
            ("app-server php-fpm", AppServerFixture.Build(new Dictionary<string, object?> { ["app_server_kind"] = "php-fpm" }), []),
            ("app-server without systemd", AppServerFixture.Build(facts: AppServerFixture.WithoutSystemd), []),
            ("app-files", appFiles.Build(), []),
        };

        var count = 0;
        foreach (var (name, builder, paths) in builds)
        {
            var scripts = await ScriptsOf(builder);
            foreach (var script in scripts)
            {
                AssertParses(name, script);
                Assert.DoesNotContain("FREE'TEXT", script, StringComparison.Ordinal);
                foreach (var path in paths)
                {
                    AssertOnlySingleQuoted(name, script, path);
                }
            }

            foreach (var path in paths)
            {
                Assert.True(scripts.Any(s => s.Contains(path, StringComparison.Ordinal)), $"{name}: {path} reached no script");
            }

            count += scripts.Count;
        }

        Assert.True(count > 50, $"only {count} scripts were checked");
    }

    private static RoleBuilder BuildBase() =>
        new RoleHarness(new FakeHost("base"), new BaseRole())
            .WithVariable("motd_path", MotdPath)
            .WithVariable("base_directory", BaseDirectory)
            .WithVariable("motd_message", FreeText)
            .Build();

    /// <summary>The probes, the scripts the changes send for each probe answer, the file writes' scripts, the handlers'.</summary>
    private static async Task<List<string>> ScriptsOf(RoleBuilder builder)
    {
        var scripts = new List<string>();
        var connection = new Mock<IHostConnection>(MockBehavior.Strict);
        connection.Setup(c => c.RunAsync(It.IsAny<RemoteCommand>(), It.IsAny<CancellationToken>()))
            .Callback<RemoteCommand, CancellationToken>((command, _) => scripts.Add(command.Script))
            .ReturnsAsync(new CommandResult(0, "", ""));
        connection.Setup(c => c.WriteFileAsync(It.IsAny<RemoteFile>(), It.IsAny<CancellationToken>()))
            .Callback<RemoteFile, CancellationToken>((file, _) => scripts.Add(RemoteFileScript.For(file)))
            .Returns(Task.CompletedTask);
        connection.SetupGet(c => c.HostName).Returns("host");

        foreach (var resource in builder.Resources)
        {
            scripts.Add(resource.ProbeScript.Text);
            foreach (var answer in ProbeAnswers)
            {
                ResourceChange? change;
                try
                {
                    change = resource.Compare(new ProbeResult(0, answer), new PlanContext(HostFacts.Debian12));
                }
                catch (ResourceFailedException)
                {
                    continue; // a state the resource refuses to act on: nothing is sent
                }

                if (change is null)
                {
                    continue;
                }

                await change.Apply(connection.Object, CancellationToken.None);
                if (change.ApplyWithBackup is { } withBackup)
                {
                    await withBackup(connection.Object, "/var/backups/b=1~x", CancellationToken.None);
                }
            }
        }

        // The batch as the engine sends it: shared gathers (one systemctl, one mysql session) and each probe's shared form.
        scripts.Add(FooBar.Provision.Planning.ProbeBatch.Script(builder.Resources, "@@fbp-0123456789ab").Text);

        foreach (var handler in builder.Handlers)
        {
            scripts.AddRange(new[] { handler.Script, handler.ValidateScript, handler.CheckScript, handler.RecoverScript }.OfType<ShellScript>().Select(s => s.Text));
        }

        return scripts;
    }

    private static void AssertParses(string role, string script)
    {
        var (exit, _, error) = LocalProcess.Run("/bin/sh", ["-n", "-c", script]);
        Assert.True(exit == 0, $"{role}: sh -n refuses a script ({error.Trim()}):\n{script}");
    }

    /// <summary>Walks the script's quoting (backslashes, single and double quotes) and checks each occurrence of <paramref name="value"/> lies inside one single-quoted run.</summary>
    private static void AssertOnlySingleQuoted(string role, string script, string value)
    {
        // A command substitution $( … ) starts a new quoting context, even inside double quotes.
        var inside = new bool[script.Length];
        var outer = new Stack<char>();
        var state = ' ';
        for (var i = 0; i < script.Length; i++)
        {
            var c = script[i];
            if (state == '\'')
            {
                if (c == '\'')
                {
                    state = ' ';
                }
                else
                {
                    inside[i] = true;
                }
            }
            else if (c == '\\')
            {
                i++;
            }
            else if (c == '$' && i + 1 < script.Length && script[i + 1] == '(')
            {
                outer.Push(state);
                state = ' ';
                i++;
            }
            else if (c == ')' && state == ' ' && outer.Count > 0)
            {
                state = outer.Pop();
            }
            else if (c == '"')
            {
                state = state == '"' ? ' ' : '"';
            }
            else if (c == '\'' && state == ' ')
            {
                state = '\'';
            }
        }

        for (var at = script.IndexOf(value, StringComparison.Ordinal); at >= 0; at = script.IndexOf(value, at + 1, StringComparison.Ordinal))
        {
            Assert.True(Enumerable.Range(at, value.Length).All(i => inside[i]), $"{role}: {value} is not inside single quotes at {at}:\n{script}");
        }
    }
}
