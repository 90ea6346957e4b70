using FooBar.Provision.Transport;
using Xunit.Abstractions;

namespace FooBar.Provision.IntegrationTests.Contract;

/// <summary>The OpenSSH transport (one ControlMaster per host) against <see cref="BecomeContract"/>.</summary>
[Collection(ContractHost.CollectionName)]
public sealed class OpenSshBecomeContract(ContractHost host, ITestOutputHelper output) : BecomeContract(host, output)
{
    /// <inheritdoc />
    protected override string TransportName => "OpenSSH";

    /// <inheritdoc />
    protected override IConnectionFactory CreateFactory() => new OpenSshConnectionFactory();
}
