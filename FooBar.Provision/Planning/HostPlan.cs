using FooBar.Provision.Resources;

namespace FooBar.Provision.Planning;

/// <summary>What a host's roles declared: resources in order with their role, and handlers by name.</summary>
internal sealed record HostPlan(IReadOnlyList<(string Role, Resource Resource)> Items, IReadOnlyDictionary<string, Handler> Handlers)
{
    public IReadOnlyList<Resource> Resources => Items.Select(i => i.Resource).ToArray();

    /// <summary>What the host's report should say about how the plan was made (--tags that left nothing).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
