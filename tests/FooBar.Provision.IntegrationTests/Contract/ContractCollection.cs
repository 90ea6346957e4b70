namespace FooBar.Provision.IntegrationTests.Contract;

/// <summary>Every transport's contract tests share one <see cref="ContractHost"/> and run one after the other, so their timings do not disturb each other.</summary>
[CollectionDefinition(ContractHost.CollectionName)]
public sealed class ContractCollection : ICollectionFixture<ContractHost>;
