namespace FooBar.Provision.Tests.Catalogue.Loader;

/// <summary>The loader's fuzz test runs alone, so its time and memory figures are the loader's, not the other tests' load.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LoaderFuzzCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Loader fuzz (not in parallel)";
}
