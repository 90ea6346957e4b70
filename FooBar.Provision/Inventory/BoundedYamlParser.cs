using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace FooBar.Provision.Inventory;

/// <summary>
/// A parser wrapper that refuses YAML aliases (<c>*name</c>, merge keys <c>&lt;&lt;: *name</c>) and nesting deeper than
/// <see cref="InventoryLimits.MaxDepth"/>, at the first event that breaks a rule: an alias can repeat a subtree without
/// bound (a "billion laughs" document of a few hundred bytes), so none is expanded at all.
/// </summary>
internal sealed class BoundedYamlParser(IParser inner) : IParser
{
    private int _depth;

    /// <inheritdoc />
    public ParsingEvent? Current => inner.Current;

    /// <summary>Where the last event ended (for errors the parser reports without a position).</summary>
    public Mark LastEnd { get; private set; } = Mark.Empty;

    /// <inheritdoc />
    public bool MoveNext()
    {
        if (!inner.MoveNext())
        {
            return false;
        }

        var current = inner.Current;
        if (current is null)
        {
            return true;
        }

        LastEnd = current.End;
        if (current is AnchorAlias alias)
        {
            throw new YamlLimitException(
                alias.Start,
                $"YAML aliases are not allowed in an inventory (found '*{Printable.Clip(alias.Value.Value, 40)}')",
                "repeat the value where it is needed, or put shared settings in a group's vars: (every member host gets them)");
        }

        _depth += current.NestingIncrease;
        if (_depth > InventoryLimits.MaxDepth)
        {
            throw new YamlLimitException(
                current.Start,
                $"the inventory nests mappings and lists more than {InventoryLimits.MaxDepth} levels deep",
                "an inventory needs a few levels (hosts, a host, its vars, a value); flatten the structure");
        }

        return true;
    }
}
