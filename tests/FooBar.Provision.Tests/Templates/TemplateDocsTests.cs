using System.Text.RegularExpressions;
using FooBar.Provision.Facts;
using FooBar.Provision.Inventory;
using FooBar.Provision.Templates;
using FooBar.Provision.Variables;

namespace FooBar.Provision.Tests.Templates;

/// <summary>Every example of docs/templates.md renders as the page says: a <c>scriban</c> block, then its <c>text</c> output or its <c>error</c>.</summary>
public sealed partial class TemplateDocsTests
{
    private static readonly IReadOnlyList<(string Kind, string Body)> Blocks = ReadBlocks();

    public static TheoryData<int> Examples()
    {
        var data = new TheoryData<int>();
        foreach (var index in Enumerable.Range(0, Blocks.Count).Where(i => Blocks[i].Kind == "scriban"))
        {
            data.Add(index);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void The_example_renders_as_the_page_says(int index)
    {
        var (template, (kind, expected)) = (Blocks[index].Body, Blocks[index + 1]);
        var source = new TemplateSource("base", "motd.scriban", "templates/base/motd.scriban", template);
        var model = Model();

        switch (kind)
        {
            case "text":
                Assert.Equal(expected, TemplateRenderer.Render(source, model));
                break;
            case "error":
                Assert.Equal(expected.TrimEnd('\n'), Assert.Throws<TemplateException>(() => TemplateRenderer.Render(source, model)).Message);
                break;
            default:
                Assert.Fail($"the scriban block {index} is followed by a '{kind}' block; expected 'text' or 'error'");
                break;
        }
    }

    [Fact]
    public void The_page_has_examples_of_output_and_of_errors()
    {
        Assert.Contains(Blocks, b => b.Kind == "error");
        Assert.True(Blocks.Count(b => b.Kind == "scriban") >= 8);
    }

    private static IReadOnlyDictionary<string, object?> Model()
    {
        var yaml = Blocks.First(b => b.Kind == "yaml").Body;
        var variables = new VariableSet(YamlValues.ParseMapping(yaml, "docs/templates.md"));
        return TemplateModel.From(variables, HostFacts.Debian12, new HostEntry("web1", "192.0.2.10"), null);
    }

    private static IReadOnlyList<(string, string)> ReadBlocks()
    {
        var page = File.ReadAllText(Path.Combine(Repository.Root(), "docs", "templates.md"));
        return Fence().Matches(page).Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToArray();
    }

    [GeneratedRegex(@"^```(\w+)\n(.*?)^```$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex Fence();
}
