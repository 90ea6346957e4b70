using FooBar.Provision.Inventory;
using FooBar.Provision.Testing;
using FooBar.Provision.Tests.Inventory;
using FooBar.Provision.Transport;

namespace FooBar.Provision.Tests.FromCode;

/// <summary>docs/from-code.md: every snippet is part of <see cref="Converge"/> (compiled with the tests), and the program runs as the page says.</summary>
public sealed class FromCodeGuideTests : IDisposable
{
    private const string Inventory = """
        hosts:
          web1:
            address: 192.0.2.10
            roles: [base]
            vars:
              base_packages: [cron]
        """;

    private readonly TempDirectory _directory = new();
    private readonly FakeHost _host = new("web1");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Every_snippet_of_the_page_is_in_the_compiled_program()
    {
        var page = File.ReadAllText(Path.Combine(Repository.Root(), "docs", "from-code.md"));
        var program = Lines(File.ReadAllText(Path.Combine(Repository.Root(), "tests", "FooBar.Provision.Tests", "FromCode", "Converge.cs")));
        var snippets = page.Split("```csharp\n")[1..].Select(s => s[..s.IndexOf("```", StringComparison.Ordinal)]).ToArray();

        Assert.Equal(4, snippets.Length);
        foreach (var snippet in snippets)
        {
            var lines = Lines(snippet);
            var found = Enumerable.Range(0, program.Length - lines.Length + 1).Any(i => program.AsSpan(i, lines.Length).SequenceEqual(lines));
            Assert.True(found, $"this snippet of docs/from-code.md is not in FromCode/Converge.cs (change both together):\n{snippet}");
        }
    }

    [Fact]
    public async Task The_program_plans_then_applies_and_a_second_run_finds_nothing_to_do()
    {
        var inventory = _directory.Write("inventory.yaml", Inventory);
        using var first = new StringWriter();
        using var second = new StringWriter();

        var firstExit = await Converge.RunAsync(inventory, new OneHost(_host), first);
        var secondExit = await Converge.RunAsync(inventory, new OneHost(_host), second);

        Assert.True(firstExit == 0, first.ToString());
        Assert.Contains("web1: 4 change(s) pending\n", first.ToString(), StringComparison.Ordinal);
        Assert.Contains("  file[/etc/motd]: ", first.ToString(), StringComparison.Ordinal);
        Assert.Contains("web1: Changed ok=0 changed=4 failed=0 round_trips=", first.ToString(), StringComparison.Ordinal);
        Assert.Contains("cron", _host.Packages);
        Assert.True(secondExit == 0, second.ToString());
        Assert.Equal("web1: 0 change(s) pending\n", second.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task A_bad_variable_is_reported_where_it_is_and_nothing_is_contacted()
    {
        var inventory = _directory.Write("inventory.yaml", Inventory + "\n      base_directory_mode: rwx\n");
        using var output = new StringWriter();

        var exit = await Converge.RunAsync(inventory, new OneHost(_host), output);

        Assert.Equal(3, exit);
        Assert.Contains("inventory.yaml:7:", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("base_directory_mode", output.ToString(), StringComparison.Ordinal);
        Assert.Empty(_host.Sent);
    }

    private static string[] Lines(string code) =>
        code.ReplaceLineEndings("\n").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();

    private sealed class OneHost(FakeHost host) : IConnectionFactory
    {
        public IHostConnection Open(HostEntry entry) => host;
    }
}
