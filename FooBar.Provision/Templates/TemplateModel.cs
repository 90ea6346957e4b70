using FooBar.Provision.Facts;
using FooBar.Provision.Inventory;
using FooBar.Provision.Variables;

namespace FooBar.Provision.Templates;

/// <summary>Builds the object a template sees: every variable (secrets revealed), <c>facts</c>, <c>host</c> and extras.</summary>
public static class TemplateModel
{
    /// <summary>Creates the model.</summary>
    public static IReadOnlyDictionary<string, object?> From(VariableSet variables, HostFacts facts, HostEntry host, IReadOnlyDictionary<string, object?>? extra)
    {
        ArgumentNullException.ThrowIfNull(variables);
        var model = variables.ToDictionary(kv => kv.Key, kv => Plain(kv.Value), StringComparer.Ordinal);
        model["facts"] = facts;
        model["host"] = new Dictionary<string, object?> { ["name"] = host.Name, ["address"] = host.Address };
        foreach (var (key, value) in extra ?? new Dictionary<string, object?>())
        {
            model[key] = Plain(value);
        }

        return model;
    }

    private static object? Plain(object? value) => value switch
    {
        SecretValue secret => secret.Reveal(),
        IReadOnlyDictionary<string, object?> map => map.ToDictionary(kv => kv.Key, kv => Plain(kv.Value), StringComparer.Ordinal),
        IEnumerable<object?> list when value is not string => list.Select(Plain).ToList(),
        _ => value,
    };
}
