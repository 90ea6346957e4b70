using Scriban;
using Scriban.Syntax;

namespace FooBar.Provision.Tests.Templates;

/// <summary>The top-level names a Scriban template reads (not its loop variables, not members), found in its syntax tree.</summary>
internal static class TemplateNames
{
    public static IReadOnlySet<string> Read(string text)
    {
        var template = Template.Parse(text);
        Assert.False(template.HasErrors, string.Join("; ", template.Messages));
        var nodes = template.Page is null ? [] : Descendants(template.Page).ToArray();
        var locals = nodes.OfType<ScriptForStatement>().Select(f => f.Variable).OfType<ScriptVariable>().Select(v => v.Name).ToHashSet(StringComparer.Ordinal);
        var members = nodes.OfType<ScriptMemberExpression>().Select(m => m.Member).ToHashSet();
        return nodes.OfType<ScriptVariableGlobal>().Where(v => !members.Contains(v)).Select(v => v.Name).Where(n => !locals.Contains(n)).ToHashSet(StringComparer.Ordinal);
    }

    private static IEnumerable<ScriptNode> Descendants(ScriptNode node) => node.Children.SelectMany(c => Descendants(c).Prepend(c));
}
