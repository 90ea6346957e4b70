using FooBar.Provision.Transport;
using Xunit.Abstractions;

namespace FooBar.Provision.IntegrationTests.Contract;

/// <summary>The OpenSSH transport (one ControlMaster per host) against <see cref="CommandsContract"/>.</summary>
[Collection(ContractHost.CollectionName)]
public sealed class OpenSshCommandsContract(ContractHost host, ITestOutputHelper output) : CommandsContract(host, output)
{
    /// <inheritdoc />
    protected override string TransportName => "OpenSSH";

    /// <inheritdoc />
    protected override IConnectionFactory CreateFactory() => new OpenSshConnectionFactory();
}
