using System.Collections;
using System.Reflection;
using Scriban.Runtime;

namespace FooBar.Provision.Templates;

/// <summary>Turns a template model into Scriban objects: maps and .NET objects become <see cref="ScriptObject"/>s, so every member access is checked.</summary>
/// <remarks>Names stay as they are: variables keep their snake_case, <c>facts</c> its C# property names (<c>facts.OsId</c>).</remarks>
internal static class ScriptModel
{
    public static ScriptObject From(IReadOnlyDictionary<string, object?> model)
    {
        var result = new ScriptObject();
        foreach (var (key, value) in model)
        {
            result[key] = Convert(value);
        }

        return result;
    }

    private static object? Convert(object? value) => value switch
    {
        null or string or bool or long or int or double or decimal => value,
        IReadOnlyDictionary<string, object?> map => From(map),
        IDictionary map => FromDictionary(map),
        IEnumerable list => new ScriptArray(list.Cast<object?>().Select(Convert)),
        _ when value.GetType().IsPrimitive => value,
        _ => FromProperties(value),
    };

    private static ScriptObject FromDictionary(IDictionary map)
    {
        var result = new ScriptObject();
        foreach (DictionaryEntry entry in map)
        {
            result[System.Convert.ToString(entry.Key, System.Globalization.CultureInfo.InvariantCulture) ?? ""] = Convert(entry.Value);
        }

        return result;
    }

    private static ScriptObject FromProperties(object value)
    {
        var result = new ScriptObject();
        foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
        {
            result[property.Name] = Convert(property.GetValue(value));
        }

        return result;
    }
}
