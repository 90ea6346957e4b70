namespace FooBar.Provision.IntegrationTests.NativeAot;

/// <summary>The Native AOT tests publish the tool (a minute or more of native compilation) and run it: alone, after the
/// others, so that load cannot disturb the timing of the transport tests; with a loopback sshd of their own.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class NativeAotCollection : ICollectionFixture<NativeAotBinary>, ICollectionFixture<LoopbackSshd>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "native-aot";
}
