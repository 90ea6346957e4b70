using System.Diagnostics.CodeAnalysis;
using FooBar.Provision.Roles;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FooBar.Provision.Cli;

/// <summary>The roles of a <see cref="ProvisionApplication"/> besides the built-in ones: <c>builder.Roles.Add&lt;RedisRole&gt;()</c>.</summary>
/// <remarks>
/// Each role is an <see cref="IRole"/> singleton of the application's services, so its constructor takes any registered
/// service (an <c>ILogger&lt;T&gt;</c>, options, a client of your own). A role whose <see cref="IRole.Name"/> is a built-in
/// role's name replaces that role.
/// </remarks>
public sealed class RoleRegistry
{
    private readonly IServiceCollection _services;

    internal RoleRegistry(IServiceCollection services) => _services = services;

    /// <summary>Adds <typeparamref name="TRole"/>, created by dependency injection (once per application); adding it twice adds it once.</summary>
    public RoleRegistry Add<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TRole>()
        where TRole : class, IRole
    {
        _services.TryAddEnumerable(ServiceDescriptor.Singleton<IRole, TRole>());
        return this;
    }

    /// <summary>Adds a role made by the caller.</summary>
    public RoleRegistry Add(IRole role)
    {
        ArgumentNullException.ThrowIfNull(role);
        _services.AddSingleton(role);
        return this;
    }
}
