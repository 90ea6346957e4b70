using FooBar.Provision.Transport;
using FooBar.Provision.Transport.SshNet;
using Xunit.Abstractions;

namespace FooBar.Provision.IntegrationTests.Contract;

/// <summary>The SSH.NET transport (one connection per host, commands on channels) against <see cref="WritesContract"/>.</summary>
[Collection(ContractHost.CollectionName)]
public sealed class SshNetWritesContract(ContractHost host, ITestOutputHelper output) : WritesContract(host, output)
{
    /// <inheritdoc />
    protected override string TransportName => "SSH.NET";

    /// <inheritdoc />
    protected override IConnectionFactory CreateFactory() => new SshNetConnectionFactory();
}
