using System.Text.RegularExpressions;
using FooBar.Provision.Tests.Cli;

namespace FooBar.Provision.Tests.Docs;

/// <summary>
/// Every YAML block of the README, the role READMEs and the topology docs that is a whole inventory (a top-level
/// <c>hosts:</c>) passes <c>provision check</c> as it is shown: written as inventory/snippet.yaml beside an app/ folder
/// (as the repository's inventories are), each <c>{ env: NAME }</c> set and each <c>{ file: PATH }</c> created. Blocks
/// without <c>hosts:</c> are fragments (a group's vars, a list) and are not run.
/// </summary>
public sealed partial class DocInventorySnippetTests
{
    private const string SecretValue = "Abc-1234";

    public static TheoryData<string, int> Blocks()
    {
        var root = Repository.Root();
        var documents = new[] { "README.md", "docs/topologies.md", "docs/rolling-deploys.md" }
            .Concat(Directory.GetDirectories(Path.Combine(root, "roles")).Select(d => Path.GetRelativePath(root, Path.Combine(d, "README.md")).Replace('\\', '/')))
            .Where(d => File.Exists(Path.Combine(root, d)))
            .Order(StringComparer.Ordinal);
        var data = new TheoryData<string, int>();
        foreach (var document in documents)
        {
            foreach (Match block in YamlBlock().Matches(File.ReadAllText(Path.Combine(root, document)).ReplaceLineEndings("\n")))
            {
                if (TopLevelHosts().IsMatch(block.Groups["yaml"].Value))
                {
                    data.Add(document, LineOf(File.ReadAllText(Path.Combine(root, document)).ReplaceLineEndings("\n"), block.Index));
                }
            }
        }

        return data;
    }

    [Fact]
    public void The_role_readmes_of_the_ha_topology_show_whole_inventories()
    {
        var shown = Blocks().Select(row => (string)row[0]).ToHashSet(StringComparer.Ordinal);

        Assert.Contains("roles/Haproxy/README.md", shown);
        Assert.Contains("roles/Keepalived/README.md", shown);
        Assert.Contains("roles/Mysql/README.md", shown);
    }

    [Theory]
    [MemberData(nameof(Blocks))]
    public async Task A_whole_inventory_in_the_docs_passes_provision_check(string document, int line)
    {
        var text = File.ReadAllText(Path.Combine(Repository.Root(), document)).ReplaceLineEndings("\n");
        var yaml = YamlBlock().Matches(text).Single(m => LineOf(text, m.Index) == line).Groups["yaml"].Value;
        using var directory = new FooBar.Provision.Tests.Inventory.TempDirectory();
        directory.Write("app/schema.sql", "CREATE TABLE visits (id INT);\n");
        Directory.CreateDirectory(Path.Combine(directory.Path, "app", "python"));
        foreach (Match file in FileSecret().Matches(yaml))
        {
            directory.Write(Path.Combine("inventory", file.Groups[1].Value), SecretValue + "\n");
        }

        var envs = EnvSecret().Matches(yaml).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        var path = directory.Write("inventory/snippet.yaml", yaml);

        var result = await CliHarness.RunAsync(new MockHosts().Factory.Object, name => envs.Contains(name) ? SecretValue : null, "check", path);

        Assert.True(result.ExitCode == 0, $"{document}:{line}: the inventory shown there fails provision check\n{result}");
    }

    private static int LineOf(string text, int index) => text[..index].Count(c => c == '\n') + 1;

    [GeneratedRegex("^```yaml\n(?<yaml>.*?)^```", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex YamlBlock();

    [GeneratedRegex("^hosts:", RegexOptions.Multiline)]
    private static partial Regex TopLevelHosts();

    [GeneratedRegex(@"\{ *file: *([^ }]+) *\}")]
    private static partial Regex FileSecret();

    [GeneratedRegex(@"\{ *env: *([A-Za-z_][A-Za-z0-9_]*) *\}")]
    private static partial Regex EnvSecret();
}
