using FooBar.Provision.Planning;
using FooBar.Provision.Resources;
using FooBar.Provision.Roles;
using FooBar.Provision.Variables;

namespace FooBar.Provision.Tests.Planning;

/// <summary>A role made of given resources and handlers.</summary>
internal sealed class TestRole(string name, IReadOnlyList<Resource> resources, IReadOnlyList<Handler>? handlers = null) : IRole
{
    public string Name { get; } = name;

    public IReadOnlyDictionary<string, object?> Defaults { get; } = new Dictionary<string, object?>();

    public IReadOnlyList<string> RequiredVariables { get; } = [];

    public IReadOnlyList<VariableDeclaration> VariableDeclarations { get; init; } = [];

    public void Build(RoleContext context, RoleBuilder builder)
    {
        foreach (var resource in resources)
        {
            builder.Add(resource);
        }

        foreach (var handler in handlers ?? [])
        {
            builder.Handler(handler);
        }
    }
}
