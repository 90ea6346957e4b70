namespace FooBar.Provision.IntegrationTests;

/// <summary>The tests that share one <see cref="LoopbackSshd"/>; they run one after the other.</summary>
[CollectionDefinition(LoopbackSshd.CollectionName)]
public sealed class LoopbackSshdCollection : ICollectionFixture<LoopbackSshd>;
