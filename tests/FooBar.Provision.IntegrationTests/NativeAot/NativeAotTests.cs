using System.Text.Json;
using System.Text.RegularExpressions;
using FooBar.Provision.Cli;
using Xunit.Abstractions;

namespace FooBar.Provision.IntegrationTests.NativeAot;

/// <summary>
/// The tool compiled ahead of time behaves as the JIT build: the same output and exit code for every inventory of the
/// repository and its docs and for bad input, and plan, apply and facts over both transports against a real sshd.
/// </summary>
[Collection(NativeAotCollection.Name)]
public sealed partial class NativeAotTests(NativeAotBinary binary, LoopbackSshd sshd, ITestOutputHelper output) : IDisposable
{
    private const string Secret = "Aot-s3cret-Pa55";
    private readonly string _directory = Directory.CreateTempSubdirectory("fbaot-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Check_and_bad_input_give_the_jit_builds_output_and_exit_code()
    {
        var environment = new Dictionary<string, string> { ["FOOBAR_DB_PASSWORD"] = Secret, ["NO_COLOR"] = "1", ["XDG_CACHE_HOME"] = _directory };
        var cases = Inventories().Select(path => new[] { "check", path }).ToList();
        var broken = Write("broken.yaml", "hosts:\n  web1: { address: 192.0.2.10, roles: [nginx] }\n  web2: [oops\n");
        var badVariable = Write("bad-variable.yaml", "hosts:\n  web1:\n    address: 192.0.2.10\n    roles: [nginx]\n    vars: { nginx_port: eighty }\n");
        // Bad options are refused before any connection; even so, only a loopback address (a closed port) is ever named
        // to a verb that connects, never the repository's inventories (inventory/foobar*.yaml are for check only).
        var loopback = Write("loopback.yaml", "hosts:\n  web1: { address: 127.0.0.1, port: 1, roles: [nginx] }\n");
        cases.AddRange(
        [
            ["check", Path.Combine(_directory, "missing.yaml")],
            ["check", broken],
            ["check", broken, "--output", "json"],
            ["check", badVariable],
            ["plan", badVariable, "--output", "json"],
            ["apply", loopback, "--forks", "0"],
            ["plan", loopback, "--var", "no_such_variable=1"],
            ["frobnicate"],
        ]);

        foreach (var args in cases)
        {
            var native = await NativeRun.RunAsync(binary.Path, environment, args);
            var jit = await JitAsync(environment, args);

            Assert.True(jit.ExitCode == native.ExitCode && jit.Stdout == native.Stdout && jit.Stderr == native.Stderr,
                $"provision {string.Join(' ', args)}\n=== JIT\n{jit}\n=== Native AOT\n{native}");
            Assert.DoesNotContain("   at ", native.Stderr + native.Stdout, StringComparison.Ordinal);
        }

        Assert.Contains(cases, args => args[0] == "check" && args.Length == 2 && args[1].EndsWith("foobar.yaml", StringComparison.Ordinal));
        Assert.True(cases.Count >= 15, $"only {cases.Count} command lines: the docs' inventories were not found");
        Assert.Equal(3, (await NativeRun.RunAsync(binary.Path, environment, "check", broken)).ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+", (await NativeRun.RunAsync(binary.Path, environment, "--version")).Stdout);
        output.WriteLine($"{cases.Count} command lines compared; publish took {binary.PublishTime.TotalSeconds:0.0} s");
    }

    [Theory]
    [InlineData("sshnet")]
    [InlineData("openssh")]
    public async Task Apply_plan_and_facts_work_over_the_transport_and_keep_the_secret_out_of_the_output(string transport)
    {
        var inventory = LoopbackInventory.Write(sshd, _directory, "vars:\n  motd_message: { env: FOOBAR_AOT_MOTD }\n");
        var environment = new Dictionary<string, string> { ["FOOBAR_AOT_MOTD"] = Secret, ["XDG_CACHE_HOME"] = _directory };

        var first = await NativeRun.RunAsync(binary.Path, environment, "apply", inventory, "--transport", transport, "--output", "json", "-v");
        var second = await NativeRun.RunAsync(binary.Path, environment, "apply", inventory, "--transport", transport, "--output", "json");
        var plan = await NativeRun.RunAsync(binary.Path, environment, "plan", inventory, "--transport", transport);
        var changed = await NativeRun.RunAsync(binary.Path, new Dictionary<string, string>(environment) { ["FOOBAR_AOT_MOTD"] = Secret + "-new" }, "plan", inventory, "--transport", transport);
        var facts = await NativeRun.RunAsync(binary.Path, environment, "facts", inventory, "--transport", transport, "--output", "json");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal(2, Totals(first, "changed"));
        Assert.Contains(Secret, File.ReadAllText(Path.Combine(_directory, "motd")), StringComparison.Ordinal);
        Assert.True(second.ExitCode == 0 && Totals(second, "changed") == 0, second.ToString());
        Assert.True(plan.ExitCode == 0, plan.ToString());
        Assert.Contains("no changes pending", plan.Stdout, StringComparison.Ordinal);
        Assert.True(changed.ExitCode == 2, changed.ToString());
        Assert.Contains("update " + _directory + "/motd", changed.Stdout, StringComparison.Ordinal);
        foreach (var run in new[] { first, second, plan, changed, facts })
        {
            Assert.DoesNotContain(Secret, run.Stdout + run.Stderr, StringComparison.Ordinal);
        }

        Assert.True(facts.ExitCode == 0, facts.ToString());
        using var json = JsonDocument.Parse(facts.Stdout);
        Assert.Equal(Environment.MachineName, json.RootElement.GetProperty("hosts")[0].GetProperty("facts").GetProperty("hostname").GetString(), ignoreCase: true);
        output.WriteLine(changed.ToString());
    }

    private static int Totals(CliRun run, string name)
    {
        using var json = JsonDocument.Parse(run.Stdout);
        return json.RootElement.GetProperty("totals").GetProperty(name).GetInt32();
    }

    private static async Task<CliRun> JitAsync(IReadOnlyDictionary<string, string> environment, string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var services = CliServices.CreateDefault() with
        {
            StdoutIsTerminal = () => false,
            Environment = name => environment.TryGetValue(name, out var value) ? value : name.StartsWith("PROVISION_", StringComparison.Ordinal) ? null : Environment.GetEnvironmentVariable(name),
        };
        var exitCode = await CliApp.RunAsync(args, stdout, stderr, services);
        return new CliRun(exitCode, stdout.ToString(), stderr.ToString(), TimeSpan.Zero);
    }

    // The repository's inventories (not the lab's, which lab/lab.sh writes) and every whole inventory shown in the docs.
    private List<string> Inventories()
    {
        var root = Repository.Root();
        var found = Directory.GetFiles(Path.Combine(root, "inventory"), "*.yaml").Where(f => !Path.GetFileName(f).StartsWith("lab", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        var documents = new[] { Path.Combine(root, "README.md") }
            .Concat(Directory.GetFiles(Path.Combine(root, "docs"), "*.md"))
            .Concat(Directory.GetDirectories(Path.Combine(root, "roles")).Select(d => Path.Combine(d, "README.md")).Where(File.Exists))
            .Order(StringComparer.Ordinal);
        foreach (var document in documents)
        {
            var blocks = YamlBlock().Matches(File.ReadAllText(document)).Select(m => m.Groups["yaml"].Value).Where(y => y.StartsWith("hosts:", StringComparison.Ordinal) || y.Contains("\nhosts:", StringComparison.Ordinal));
            found.AddRange(blocks.Select((yaml, i) => Write($"{Path.GetFileName(Path.GetDirectoryName(document))}-{Path.GetFileNameWithoutExtension(document)}-{i}.yaml", yaml)));
        }

        return found;
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    [GeneratedRegex("```ya?ml\n(?<yaml>.*?)```", RegexOptions.Singleline)]
    private static partial Regex YamlBlock();
}
