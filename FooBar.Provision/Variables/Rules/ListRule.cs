using System.Collections;

namespace FooBar.Provision.Variables.Rules;

/// <summary>A list whose every item follows a rule; text (from --var) is a comma-separated list.</summary>
internal sealed class ListRule(VariableRule item, int maxItems) : VariableRule
{
    /// <inheritdoc />
    public override string Expected { get; } = $"a list, each item {item.Expected}";

    /// <inheritdoc />
    public override string Example { get; } = $"[{item.Example}]";

    public VariableRule Item { get; } = item;

    /// <inheritdoc />
    public override object? Check(object value, string path, ICollection<VariableProblem> problems)
    {
        IReadOnlyList<object?> items = value switch
        {
            string text => text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
            IEnumerable<KeyValuePair<string, object?>> => [],
            IEnumerable list => list.Cast<object?>().ToArray(),
            _ => [value],
        };
        if (value is IEnumerable<KeyValuePair<string, object?>>)
        {
            return Fail(path, "is a mapping", problems);
        }

        if (items.Count > maxItems)
        {
            return Fail(path, $"has {items.Count} items (at most {maxItems})", problems);
        }

        var result = new List<object?>(items.Count);
        var before = problems.Count;
        for (var i = 0; i < items.Count; i++)
        {
            var itemPath = $"{path}[{i}]";
            if (items[i] is not { } present)
            {
                problems.Add(new VariableProblem(itemPath, "is empty", Item.Expected, Item.Example));
                continue;
            }

            result.Add(Item.Check(present, itemPath, problems));
        }

        return problems.Count > before ? null : result;
    }
}
