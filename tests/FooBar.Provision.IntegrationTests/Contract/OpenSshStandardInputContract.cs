using FooBar.Provision.Transport;
using Xunit.Abstractions;

namespace FooBar.Provision.IntegrationTests.Contract;

/// <summary>The OpenSSH transport (one ControlMaster per host) against <see cref="StandardInputContract"/>.</summary>
[Collection(ContractHost.CollectionName)]
public sealed class OpenSshStandardInputContract(ContractHost host, ITestOutputHelper output) : StandardInputContract(host, output)
{
    /// <inheritdoc />
    protected override string TransportName => "OpenSSH";

    /// <inheritdoc />
    protected override IConnectionFactory CreateFactory() => new OpenSshConnectionFactory();
}
