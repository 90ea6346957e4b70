using System.Text;
using System.Text.RegularExpressions;

namespace FooBar.Provision.Tests.Docs;

/// <summary>
/// Every C# block of the role-writing docs is a file (or a <c>#region</c> of one) under docs/snippets, which this test
/// project compiles and runs: a block must be preceded by <c>&lt;!-- snippet: PATH[#REGION] --&gt;</c> and equal what it
/// names. To update the docs after changing a snippet, run with FOOBAR_UPDATE_SNIPPETS=1 and commit them.
/// </summary>
public sealed partial class DocSnippetTests
{
    private static readonly string[] Paths = ["docs/writing-roles.md", "docs/testing-roles.md", "FooBar.Provision.Testing/README.md"];

    public static TheoryData<string> Documents { get; } = new(Paths);

    [Theory]
    [MemberData(nameof(Documents))]
    public void Every_csharp_block_is_a_compiled_snippet_shown_as_it_is(string document)
    {
        var root = Repository.Root();
        var path = Path.Combine(root, document);
        var text = File.ReadAllText(path);
        var problems = new List<string>();
        var blocks = 0;
        var updated = Block().Replace(text, m =>
        {
            blocks++;
            var line = text[..m.Index].Count(c => c == '\n') + 1;
            if (!m.Groups["source"].Success)
            {
                problems.Add($"{document}:{line}: a csharp block without <!-- snippet: docs/snippets/FILE.cs[#region] --> right above it");
                return m.Value;
            }

            var expected = Snippet(root, m.Groups["source"].Value, out var error);
            if (expected is null)
            {
                problems.Add($"{document}:{line}: {error}");
                return m.Value;
            }

            if (m.Groups["code"].Value != expected)
            {
                problems.Add($"{document}:{line}: the block differs from {m.Groups["source"].Value} (run with FOOBAR_UPDATE_SNIPPETS=1 to copy it in)");
            }

            return m.Value[..(m.Groups["code"].Index - m.Index)] + expected + "```";
        });
        if (Environment.GetEnvironmentVariable("FOOBAR_UPDATE_SNIPPETS") == "1" && updated != text)
        {
            File.WriteAllText(path, updated);
            return;
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
        Assert.True(document.EndsWith("README.md", StringComparison.Ordinal) || blocks > 0, $"{document} has no csharp block");
    }

    [Fact]
    public void Every_snippet_file_is_shown_in_some_document()
    {
        var root = Repository.Root();
        var shown = string.Concat(Paths.Select(d => File.ReadAllText(Path.Combine(root, d))));
        var files = Directory.GetFiles(Path.Combine(root, "docs", "snippets"), "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'));

        Assert.All(files, f => Assert.Contains("<!-- snippet: " + f, shown, StringComparison.Ordinal));
    }

    // The whole file, or the lines of one #region with the region's indentation removed; null (and why) when missing.
    private static string? Snippet(string root, string source, out string error)
    {
        var (file, region) = source.Split('#', 2) is [var f, var r] ? (f, r) : (source, null);
        var path = Path.Combine(root, file);
        error = $"{file} does not exist";
        if (!File.Exists(path))
        {
            return null;
        }

        var lines = File.ReadAllLines(path);
        if (region is null)
        {
            return string.Join('\n', lines) + "\n";
        }

        var start = Array.FindIndex(lines, l => l.Trim() == "#region " + region);
        var end = start < 0 ? -1 : Array.FindIndex(lines, start, l => l.Trim() == "#endregion");
        error = $"{file} has no #region {region} … #endregion";
        if (end < 0)
        {
            return null;
        }

        var body = lines[(start + 1)..end];
        var indent = body.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart().Length);
        var text = new StringBuilder();
        foreach (var l in body)
        {
            text.Append(l.Length >= indent ? l[indent..] : l.TrimStart()).Append('\n');
        }

        return text.ToString();
    }

    [GeneratedRegex(@"(?:<!-- snippet: (?<source>\S+) -->\n\n?)?```csharp\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex Block();
}
