namespace FooBar.Provision.Variables;

/// <summary>A role variable: its name, the rule its values follow, its default and what it is for.</summary>
/// <remarks>
/// A role lists every variable it reads in <see cref="Roles.IRole.VariableDeclarations"/>. The engine checks every host's values
/// against these declarations before any connection (<c>provision check</c>, and first thing in plan and apply), and
/// the role README's variable table is generated from them (<see cref="VariableTable"/>).
/// </remarks>
/// <param name="Name">The variable's name (<c>nginx_worker_connections</c>).</param>
/// <param name="Rule">What values it accepts.</param>
/// <param name="Description">One line: what it does, for READMEs and messages.</param>
public sealed record VariableDeclaration(string Name, VariableRule Rule, string Description)
{
    private readonly string? _example;
    private readonly bool? _optional;

    /// <summary>The default (the lowest precedence), in its typed form; null when there is none.</summary>
    public object? Default { get; init; }

    /// <summary>True when the variable has no default and every host with the role must set it.</summary>
    public bool Required { get; init; }

    /// <summary>Whether the value may, must or must not be a secret.</summary>
    public SecretUse Secret { get; init; } = SecretUse.Allowed;

    /// <summary>An accepted value, as YAML, for messages and READMEs: the one given, else the default, else the rule's.</summary>
    public string Example
    {
        get => _example ?? (Default is null or "" || Secret == SecretUse.Required ? Rule.Example : VariableText.Yaml(Default));
        init => _example = value;
    }

    /// <summary>True when null or <c>""</c> mean "unset" (the rule is not checked); by default when there is no default and it is not required.</summary>
    public bool Optional
    {
        get => _optional ?? (!Required && Default is null or "");
        init => _optional = value;
    }
}
