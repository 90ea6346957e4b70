using FooBar.Provision.Planning;
using FooBar.Provision.Resources;

namespace FooBar.Provision.Roles;

/// <summary>Collects what a role declares: resources in order, and handlers.</summary>
public sealed class RoleBuilder
{
    private readonly List<Resource> _resources = [];
    private readonly List<Handler> _handlers = [];

    /// <summary>The resources, in declaration order.</summary>
    public IReadOnlyList<Resource> Resources => _resources;

    /// <summary>The handlers.</summary>
    public IReadOnlyList<Handler> Handlers => _handlers;

    /// <summary>Adds a resource; returns the builder.</summary>
    public RoleBuilder Add(Resource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        _resources.Add(resource);
        return this;
    }

    /// <summary>Adds a handler; returns the builder.</summary>
    public RoleBuilder Handler(Handler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _handlers.Add(handler);
        return this;
    }
}
