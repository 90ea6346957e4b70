using YamlDotNet.Core;

namespace FooBar.Provision.Inventory;

/// <summary>The YAML went past one of the loader's bounds (an alias, too deep); carries where and what to do.</summary>
internal sealed class YamlLimitException(Mark start, string message, string hint) : Exception(message)
{
    public Mark Start { get; } = start;

    public string Hint { get; } = hint;
}
