using FooBar.Provision.Planning;
using FooBar.Provision.Roles;
using FooBar.Provision.Transport;
using FooBar.Provision.Transport.SshNet;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FooBar.Provision;

/// <summary>Registers FooBar.Provision in a <see cref="IServiceCollection"/> (Microsoft.Extensions.DependencyInjection).</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Adds the engine, the transports (<see cref="TransportConnectionFactory"/>: each host's SSH.NET or OpenSSH, unless another
    /// <see cref="IConnectionFactory"/> is registered first) and a
    /// <see cref="RoleCatalog"/> made of every <see cref="IRole"/> registered in the container.
    /// </summary>
    /// <remarks>Register roles with <c>services.AddSingleton&lt;IRole, MyRole&gt;()</c>; the built-in ones with <c>AddFooBarBuiltInRoles()</c> from FooBar.Provision.Roles.</remarks>
    public static IServiceCollection AddFooBarProvision(this IServiceCollection services, OpenSshOptions? sshOptions = null, SshNetOptions? sshNetOptions = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<IConnectionFactory>(_ => new TransportConnectionFactory(sshNetOptions, sshOptions));
        services.TryAddSingleton(provider => new RoleCatalog(provider.GetServices<IRole>()));
        services.TryAddSingleton<ProvisionEngine>();
        return services;
    }
}
