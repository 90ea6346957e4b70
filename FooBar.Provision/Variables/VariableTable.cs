using System.Text;

namespace FooBar.Provision.Variables;

/// <summary>The Markdown table of a role's variables, generated from its declarations (role READMEs embed it).</summary>
public static class VariableTable
{
    /// <summary>The line that starts the generated table in a README.</summary>
    public const string Begin = "<!-- variables: generated from the role's declarations; do not edit by hand -->";

    /// <summary>The line that ends it.</summary>
    public const string End = "<!-- end of variables -->";

    /// <summary>The table: variable, default, what is accepted, description; then one table per list of mappings (its keys).</summary>
    public static string Markdown(IEnumerable<VariableDeclaration> declarations)
    {
        ArgumentNullException.ThrowIfNull(declarations);
        var list = declarations.ToArray();
        var text = Table(list, "variable");
        foreach (var d in list)
        {
            var record = d.Rule as Rules.RecordRule ?? (d.Rule as Rules.ListRule)?.Item as Rules.RecordRule;
            if (record is not null)
            {
                text.Append($"\nAn entry of `{d.Name}`:\n\n").Append(Table(record.Fields, "key"));
            }
        }

        return text.ToString();
    }

    private static StringBuilder Table(IEnumerable<VariableDeclaration> declarations, string first)
    {
        var text = new StringBuilder()
            .Append($"| {first} | default | accepted values | meaning |\n")
            .Append("|---|---|---|---|\n");
        foreach (var d in declarations)
        {
            var fallback = d.Required ? "**required**" : d.Optional && d.Default is null or "" ? "unset" : $"`{VariableText.Yaml(d.Default)}`";
            var secret = d.Secret switch
            {
                SecretUse.Required => "; a secret: `{ env: NAME }` or `{ file: PATH }`",
                SecretUse.Preferred => "; best a secret (`{ env: NAME }` or `{ file: PATH }`): a plain value is masked in diffs and reports too",
                _ => "",
            };
            text.Append($"| `{d.Name}` | {fallback} | {Cell(d.Rule.Expected)}{secret} (e.g. `{Cell(d.Example)}`) | {Cell(d.Description)} |\n");
        }

        return text;
    }

    /// <summary>Replaces the generated table between <see cref="Begin"/> and <see cref="End"/> in <paramref name="readme"/>.</summary>
    /// <exception cref="ArgumentException">The README has no such markers.</exception>
    public static string Replace(string readme, IEnumerable<VariableDeclaration> declarations)
    {
        ArgumentNullException.ThrowIfNull(readme);
        var start = readme.IndexOf(Begin, StringComparison.Ordinal);
        var end = readme.IndexOf(End, StringComparison.Ordinal);
        if (start < 0 || end < start)
        {
            throw new ArgumentException($"the README has no '{Begin}' ... '{End}' section", nameof(readme));
        }

        return readme[..(start + Begin.Length)] + "\n\n" + Markdown(declarations) + "\n" + readme[end..];
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
