namespace FooBar.Provision.IntegrationTests.Packaging;

/// <summary>The packaging tests build the whole repository: they run alone, after the others, so their load cannot
/// disturb the timing of the transport tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PackagingCollection : ICollectionFixture<PackedRepository>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "packaging";
}
