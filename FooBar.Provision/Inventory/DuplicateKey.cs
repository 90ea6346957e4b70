using YamlDotNet.Core;

namespace FooBar.Provision.Inventory;

/// <summary>A mapping key that appeared more than once.</summary>
/// <param name="Path">The keys leading to the mapping (<c>[]</c> for a list item); empty at the top level.</param>
/// <param name="Key">The repeated key.</param>
/// <param name="Start">Where the repetition is.</param>
/// <param name="First">Where the key first appeared.</param>
internal sealed record DuplicateKey(IReadOnlyList<string> Path, string Key, Mark Start, Mark First);
