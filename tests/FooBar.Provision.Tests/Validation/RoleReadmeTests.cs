using FooBar.Provision.Roles;
using FooBar.Provision.Variables;

namespace FooBar.Provision.Tests.Validation;

/// <summary>
/// Each role README's variable table is generated from the role's declarations, so the two cannot disagree. After a
/// change of a declaration, run the tests once with FOOBAR_UPDATE_READMES=1 to rewrite the tables, and commit them.
/// </summary>
public sealed class RoleReadmeTests
{
    public static TheoryData<string> Roles() => [.. BuiltInRoles.All().Select(r => r.Name)];

    [Theory]
    [MemberData(nameof(Roles))]
    public void The_readme_table_is_the_one_the_declarations_give(string name)
    {
        var role = (RoleBase)BuiltInRoles.Catalog().Get(name);
        var path = Path.Combine(Repository.Root(), "roles", role.Folder, "README.md");
        var readme = File.ReadAllText(path).ReplaceLineEndings("\n");
        var expected = VariableTable.Replace(readme, role.VariableDeclarations);
        if (Environment.GetEnvironmentVariable("FOOBAR_UPDATE_READMES") == "1")
        {
            File.WriteAllText(path, expected);
            readme = expected;
        }

        Assert.True(expected == readme, $"{path}: the variable table differs from the declarations; run the tests with FOOBAR_UPDATE_READMES=1 and commit the README");
    }

    [Fact]
    public void The_table_lists_every_declaration_with_its_default_rule_and_example()
    {
        var table = VariableTable.Markdown([new VariableDeclaration("x_port", VariableRules.Port, "where x listens") { Default = 8080L }, new VariableDeclaration("x_key", VariableRules.Line, "the key") { Required = true, Secret = SecretUse.Required }]);

        Assert.Equal(
            "| variable | default | accepted values | meaning |\n|---|---|---|---|\n" +
            "| `x_port` | `8080` | a TCP port, 1 to 65535 (e.g. `8080`) | where x listens |\n" +
            "| `x_key` | **required** | one line of text (no line break or control character), at most 1000 characters; a secret: `{ env: NAME }` or `{ file: PATH }` (e.g. `\"Hello\"`) | the key |\n",
            table);
    }
}
