using FooBar.Provision.Planning;
using FooBar.Provision.Roles;
using FooBar.Provision.Transport;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace FooBar.Provision.Tests.Hosting;

public sealed class ServiceRegistrationTests
{
    [Fact]
    public void AddFooBarProvision_builds_an_engine_with_the_registered_roles_and_keeps_a_transport_registered_first()
    {
        var transport = Mock.Of<IConnectionFactory>();
        var services = new ServiceCollection()
            .AddSingleton(transport)
            .AddFooBarBuiltInRoles()
            .AddFooBarProvision();

        using var provider = services.BuildServiceProvider();

        Assert.NotNull(provider.GetRequiredService<ProvisionEngine>());
        Assert.Same(transport, provider.GetRequiredService<IConnectionFactory>());
        Assert.Contains("nginx", provider.GetRequiredService<RoleCatalog>().Roles.Keys);
        Assert.Contains("base", provider.GetRequiredService<RoleCatalog>().Roles.Keys);
    }
}
