using FooBar.Provision.Transport;
using Xunit.Abstractions;

namespace FooBar.Provision.IntegrationTests.Contract;

/// <summary>The OpenSSH transport (one ControlMaster per host) against <see cref="WritesContract"/>.</summary>
[Collection(ContractHost.CollectionName)]
public sealed class OpenSshWritesContract(ContractHost host, ITestOutputHelper output) : WritesContract(host, output)
{
    /// <inheritdoc />
    protected override string TransportName => "OpenSSH";

    /// <inheritdoc />
    protected override IConnectionFactory CreateFactory() => new OpenSshConnectionFactory();
}
