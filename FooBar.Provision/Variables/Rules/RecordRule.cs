namespace FooBar.Provision.Variables.Rules;

/// <summary>A mapping with known keys, each with its own rule; some keys required.</summary>
internal sealed class RecordRule(IReadOnlyList<VariableDeclaration> fields) : VariableRule
{
    /// <inheritdoc />
    public override string Expected { get; } = "a mapping with " + string.Join(", ", fields.Select(f => f.Required ? f.Name + " (required)" : f.Name));

    /// <inheritdoc />
    public override string Example { get; } = "{ " + string.Join(", ", fields.Where(f => f.Required || f.Default is not null).Select(f => $"{f.Name}: {f.Example}")) + " }";

    public IReadOnlyList<VariableDeclaration> Fields { get; } = fields;

    /// <inheritdoc />
    public override object? Check(object value, string path, ICollection<VariableProblem> problems)
    {
        if (value is not IEnumerable<KeyValuePair<string, object?>> map)
        {
            return Fail(path, $"is {RuleValues.Shape(value)}", problems);
        }

        var before = problems.Count;
        var entries = map.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        foreach (var key in entries.Keys.Where(k => Fields.All(f => f.Name != k)))
        {
            var known = string.Join(", ", Fields.Select(f => f.Name));
            var closest = Inventory.Suggestions.Closest(key, Fields.Select(f => f.Name));
            problems.Add(new VariableProblem($"{path}.{key}", $"is not a key of this mapping{(closest is null ? "" : $" (did you mean '{closest}'?)")}", $"one of the keys {known}", Example) { ExamplePath = path });
        }

        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var field in Fields)
        {
            result[field.Name] = VariableChecks.One(field, entries.TryGetValue(field.Name, out var given) ? given : field.Default, $"{path}.{field.Name}", problems);
        }

        return problems.Count > before ? null : result;
    }
}
