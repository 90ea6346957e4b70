using System.Collections;
using FooBar.Provision.Facts;
using Scriban.Runtime;

namespace FooBar.Provision.Templates;

/// <summary>Turns a template model into Scriban objects: maps and the host's facts become <see cref="ScriptObject"/>s, so every member access is checked.</summary>
/// <remarks>
/// Names stay as they are: variables keep their snake_case, <c>facts</c> its C# property names (<c>facts.OsId</c>).
/// No reflection (the <c>provision</c> tool is compiled ahead of time): a value is text, a number, a boolean, a map, a
/// list, <see cref="HostFacts"/> or a Scriban object; anything else is an error that names the value and its type.
/// </remarks>
internal static class ScriptModel
{
    /// <exception cref="TemplateException">A value of another type (at 1:1 of <paramref name="source"/>: it is the role's model, not the text).</exception>
    public static ScriptObject From(IReadOnlyDictionary<string, object?> model, TemplateSource source)
    {
        try
        {
            return FromMap(model, "");
        }
        catch (NotSupportedException e)
        {
            throw new TemplateException(source, 1, 1, e.Message, "hand the template plain values: a dictionary with snake_case keys instead of an object (docs/templates.md, \"For role authors\")");
        }
    }

    private static object? Convert(object? value, string path) => value switch
    {
        null or string or bool or long or int or double or decimal or IScriptObject => value,
        HostFacts facts => FromFacts(facts),
        IReadOnlyDictionary<string, object?> map => FromMap(map, path),
        IDictionary map => FromDictionary(map, path),
        IEnumerable list => new ScriptArray(list.Cast<object?>().Select((item, i) => Convert(item, $"{path}[{i}]"))),
        _ when value.GetType().IsPrimitive => value,
        _ => throw new NotSupportedException($"the value '{path}' of its model is a {value.GetType().Name}, which a template cannot read"),
    };

    private static ScriptObject FromMap(IReadOnlyDictionary<string, object?> map, string path)
    {
        var result = new ScriptObject();
        foreach (var (key, value) in map)
        {
            result[key] = Convert(value, path.Length == 0 ? key : $"{path}.{key}");
        }

        return result;
    }

    private static ScriptObject FromDictionary(IDictionary map, string path)
    {
        var result = new ScriptObject();
        foreach (DictionaryEntry entry in map)
        {
            var key = System.Convert.ToString(entry.Key, System.Globalization.CultureInfo.InvariantCulture) ?? "";
            result[key] = Convert(entry.Value, $"{path}.{key}");
        }

        return result;
    }

    // What a template sees of the facts: their public properties, by their C# names (facts.OsId, facts.HasSystemd).
    private static ScriptObject FromFacts(HostFacts facts) => new()
    {
        [nameof(HostFacts.OsId)] = facts.OsId,
        [nameof(HostFacts.OsVersion)] = facts.OsVersion,
        [nameof(HostFacts.InitSystem)] = facts.InitSystem,
        [nameof(HostFacts.PackageManager)] = facts.PackageManager,
        [nameof(HostFacts.Architecture)] = facts.Architecture,
        [nameof(HostFacts.Hostname)] = facts.Hostname,
        [nameof(HostFacts.HasSystemd)] = facts.HasSystemd,
    };
}
