using FooBar.Provision.Resources;
using FooBar.Provision.Roles;
using FooBar.Provision.Variables;

namespace FooBar.Provision.Tests.Hosting;

/// <summary>A user's role for the hosting tests: its text comes from a service of the application (<see cref="Greeting"/>).</summary>
internal sealed class GreetingRole(Greeting greeting) : RoleBase
{
    private static readonly VariableDeclaration Path = new("greeting_path", VariableRules.AbsolutePath, "where the greeting goes") { Default = "/etc/greeting" };

    public override string Name => "greeting";

    public override string Folder => "Greeting";

    public override IReadOnlyList<VariableDeclaration> VariableDeclarations => [Path];

    public override void Build(RoleContext context, RoleBuilder builder) =>
        builder.Add(new FileResource(context.Variables.GetString(Path.Name), greeting.Text + "\n"));
}

/// <summary>A service a role takes in its constructor.</summary>
internal sealed record Greeting(string Text);
