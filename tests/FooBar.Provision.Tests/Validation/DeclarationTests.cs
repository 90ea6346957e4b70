using System.Text.RegularExpressions;
using FooBar.Provision.Roles;
using FooBar.Provision.Variables;

namespace FooBar.Provision.Tests.Validation;

/// <summary>The built-in roles' declarations: complete, consistent across roles, and their own defaults pass their rules.</summary>
public sealed class DeclarationTests
{
    [Fact]
    public void A_variable_declared_by_several_roles_is_the_same_declaration_everywhere()
    {
        var byName = BuiltInRoles.All().SelectMany(r => r.VariableDeclarations).GroupBy(d => d.Name);

        Assert.All(byName, g => Assert.True(g.All(d => ReferenceEquals(d, g.First())), $"{g.Key} is declared differently by two roles: share one declaration (SharedVariables)"));
    }

    [Fact]
    public void Every_default_passes_its_own_rule()
    {
        foreach (var declaration in BuiltInRoles.All().SelectMany(r => r.VariableDeclarations).Where(d => d.Default is not null))
        {
            var problems = new List<VariableProblem>();
            VariableChecks.One(declaration, declaration.Default, declaration.Name, problems);
            Assert.True(problems.Count == 0, $"{declaration.Name}: {string.Join("; ", problems)}");
        }
    }

    [Fact]
    public void Every_declaration_has_a_description_and_an_example_that_passes()
    {
        foreach (var declaration in BuiltInRoles.All().SelectMany(r => r.VariableDeclarations))
        {
            Assert.False(string.IsNullOrWhiteSpace(declaration.Description), declaration.Name);
            Assert.DoesNotContain('\n', declaration.Description);
            Assert.False(string.IsNullOrWhiteSpace(declaration.Example), declaration.Name);
        }
    }

    [Theory]
    [InlineData("base")]
    [InlineData("mysql")]
    [InlineData("app-files")]
    [InlineData("app-server")]
    [InlineData("nginx")]
    [InlineData("haproxy")]
    [InlineData("keepalived")]
    public void Each_role_declares_every_variable_its_code_and_templates_read(string name)
    {
        var role = (RoleBase)BuiltInRoles.Catalog().Get(name);
        var folder = Path.Combine(Repository.Root(), "roles", role.Folder);
        var code = string.Concat(Directory.GetFiles(folder, "*.cs").Select(File.ReadAllText));
        var declared = role.VariableDeclarations.Select(d => d.Name).ToHashSet(StringComparer.Ordinal);

        // Values a role hands its templates itself (derived paths, typed settings), and the names every template has.
        var extras = Regex.Matches(code, @"\[""([a-z_][a-z0-9_]*)""\] = ").Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        string[] words = ["facts", "host", "optional"];
        var read = Regex.Matches(code, @"\.(?:GetString|GetStringOrNull|GetInt|GetBool|GetStringList|GetMapList|IsSecret|TryGetValue|ContainsKey)\(""([a-z_][a-z0-9_]*)""").Select(m => m.Groups[1].Value);
        var templates = Directory.GetFiles(Path.Combine(folder, "templates")).Select(File.ReadAllText)
            .SelectMany(Templates.TemplateNames.Read)
            .Where(v => !extras.Contains(v) && !words.Contains(v));

        Assert.Empty(read.Concat(templates).Where(v => !declared.Contains(v)).Distinct());
        Assert.NotEmpty(declared);
    }
}
