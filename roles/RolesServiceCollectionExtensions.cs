using Microsoft.Extensions.DependencyInjection;

namespace FooBar.Provision.Roles;

/// <summary>Registers the built-in roles in a <see cref="IServiceCollection"/>.</summary>
public static class RolesServiceCollectionExtensions
{
    /// <summary>Adds every built-in role as an <see cref="IRole"/> (use with <c>AddFooBarProvision()</c>).</summary>
    public static IServiceCollection AddFooBarBuiltInRoles(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        foreach (var role in BuiltInRoles.All())
        {
            services.AddSingleton(role);
        }

        return services;
    }
}
