using System.Collections;
using System.Globalization;

namespace FooBar.Provision.Variables;

/// <summary>The variables of one host after precedence was applied, with typed accessors for roles.</summary>
/// <remarks>
/// Values are what YAML gave: <see cref="string"/>, <see cref="bool"/>, <see cref="long"/>, <see cref="double"/>,
/// lists (<see cref="IReadOnlyList{T}"/> of values), maps (<see cref="IReadOnlyDictionary{TKey,TValue}"/>), or a
/// <see cref="SecretValue"/>. Scalars from YAML arrive as strings and are converted on access.
/// </remarks>
public sealed class VariableSet : IReadOnlyDictionary<string, object?>
{
    private readonly Dictionary<string, object?> _values;

    /// <summary>Creates a set from values.</summary>
    public VariableSet(IEnumerable<KeyValuePair<string, object?>> values) =>
        _values = new Dictionary<string, object?>(values, StringComparer.Ordinal);

    /// <summary>An empty set.</summary>
    public static VariableSet Empty { get; } = new([]);

    /// <summary>Returns a new set where <paramref name="overrides"/> win over this one.</summary>
    public VariableSet Merge(IEnumerable<KeyValuePair<string, object?>> overrides)
    {
        var merged = new Dictionary<string, object?>(_values, StringComparer.Ordinal);
        foreach (var (key, value) in overrides)
        {
            merged[key] = value;
        }

        return new VariableSet(merged);
    }

    /// <summary>A required string (a secret is revealed: use for values that go to the host only).</summary>
    public string GetString(string name) => Get(name) switch
    {
        SecretValue secret => secret.Reveal(),
        string s => s,
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        null => throw Missing(name),
        var other => throw Wrong(name, "a string", other),
    };

    /// <summary>An optional string.</summary>
    public string? GetStringOrNull(string name) => ContainsKey(name) && this[name] is not null ? GetString(name) : null;

    /// <summary>A required integer.</summary>
    public long GetInt(string name) => Get(name) switch
    {
        long l => l,
        int i => i,
        string s when long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) => l,
        var other => throw Wrong(name, "an integer", other),
    };

    /// <summary>A required boolean (true/false, yes/no, on/off).</summary>
    public bool GetBool(string name) => Get(name) switch
    {
        bool b => b,
        string s when s.ToLowerInvariant() is "true" or "yes" or "on" => true,
        string s when s.ToLowerInvariant() is "false" or "no" or "off" => false,
        var other => throw Wrong(name, "true or false", other),
    };

    /// <summary>A list of strings; a single string counts as a list of one; missing or null is empty.</summary>
    public IReadOnlyList<string> GetStringList(string name) => TryGetValue(name, out var value) ? value switch
    {
        null => [],
        string s => [s],
        IEnumerable<object?> items => items.Select(i => i switch
        {
            SecretValue secret => secret.Reveal(),
            _ => Convert.ToString(i, CultureInfo.InvariantCulture) ?? "",
        }).ToArray(),
        var other => throw Wrong(name, "a list", other),
    } : [];

    /// <summary>A list of maps (for example database users); missing is empty.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, object?>> GetMapList(string name) => TryGetValue(name, out var value) ? value switch
    {
        null => [],
        IEnumerable<object?> items => items.Select(i => i as IReadOnlyDictionary<string, object?> ?? throw Wrong(name, "a list of maps", i)).ToArray(),
        var other => throw Wrong(name, "a list of maps", other),
    } : [];

    /// <summary>True when the variable holds a <see cref="SecretValue"/>.</summary>
    public bool IsSecret(string name) => TryGetValue(name, out var value) && value is SecretValue;

    /// <summary>Every secret value in the set, nested ones included (for masking output).</summary>
    public IEnumerable<string> SecretValues() => _values.Values.SelectMany(Secrets);

    private static IEnumerable<string> Secrets(object? value) => value switch
    {
        SecretValue secret => [secret.Reveal()],
        IEnumerable<KeyValuePair<string, object?>> map => map.SelectMany(kv => Secrets(kv.Value)),
        IEnumerable<object?> list when value is not string => list.SelectMany(Secrets),
        _ => [],
    };

    private object Get(string name) =>
        TryGetValue(name, out var value) && value is not null ? value : throw Missing(name);

    private static VariableException Missing(string name) =>
        new($"variable '{name}' is not set", $"set '{name}' in the inventory (vars, group vars or host vars) or pass --var {name}=VALUE");

    private static VariableException Wrong(string name, string expected, object? actual) =>
        new($"variable '{name}' must be {expected}, but is {Describe(actual)}", $"fix the value of '{name}' in the inventory or on the command line");

    private static string Describe(object? value) => value switch
    {
        null => "empty",
        SecretValue => "a secret",
        string s => $"'{s}'",
        IEnumerable<KeyValuePair<string, object?>> => "a map",
        IEnumerable => "a list",
        _ => $"'{value}'",
    };

    /// <inheritdoc />
    public object? this[string key] => _values[key];

    /// <inheritdoc />
    public IEnumerable<string> Keys => _values.Keys;

    /// <inheritdoc />
    public IEnumerable<object?> Values => _values.Values;

    /// <inheritdoc />
    public int Count => _values.Count;

    /// <inheritdoc />
    public bool ContainsKey(string key) => _values.ContainsKey(key);

    /// <inheritdoc />
    public bool TryGetValue(string key, out object? value) => _values.TryGetValue(key, out value);

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
