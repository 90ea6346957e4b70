using FooBar.Provision.Inventory;
using FooBar.Provision.Tests.Cli;
using FooBar.Provision.Tests.Inventory;

namespace FooBar.Provision.Tests.Catalogue.Loader;

/// <summary>Every case of <see cref="LoaderCatalogue"/> through the loader API and through <c>provision check</c>: its specific message, exit 3, no stack trace.</summary>
public sealed class LoaderCatalogueTests : IDisposable
{
    private static readonly Dictionary<string, string> Environment = new(StringComparer.Ordinal)
    {
        ["CATALOGUE_EMPTY"] = "",
        ["CATALOGUE_BLANK"] = "   ",
        ["CATALOGUE_SHORT"] = "abc",
        ["CATALOGUE_GOOD"] = "good-secret-1",
    };

    private readonly TempDirectory _directory = new();

    public static TheoryData<string> Names => [.. LoaderCatalogue.Cases.Select(c => c.Name)];

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void The_catalogue_has_at_least_50_cases_with_unique_names()
    {
        Assert.True(LoaderCatalogue.Cases.Count >= 50, $"{LoaderCatalogue.Cases.Count} cases");
        Assert.Equal(LoaderCatalogue.Cases.Count, LoaderCatalogue.Cases.Select(c => c.Name).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void The_loader_refuses_the_case_with_its_message(string name)
    {
        var (inventory, expected) = Arrange(name);
        var loader = new InventoryLoader(InventoryTestData.KnownRoles, variable => Environment.GetValueOrDefault(variable));

        var exception = Assert.Throws<InventoryException>(() => loader.Load(inventory));

        var messages = exception.Errors.Select(e => $"{Path.GetFileName(e.Location.File)}:{e.Location.Line}:{e.Location.Column}: {e.Message}").ToArray();
        Assert.True(messages.Any(m => m.Contains(expected, StringComparison.Ordinal)), $"expected '{expected}' in:\n{string.Join('\n', messages)}");
        Assert.All(exception.Errors, e => Assert.True(Printable.IsPrintable(e.Message), e.Message));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Check_exits_3_with_the_case_message_and_no_stack_trace(string name)
    {
        var (inventory, expected) = Arrange(name);
        var hosts = new MockHosts();

        var result = await CliHarness.RunAsync(hosts.Factory.Object, variable => Environment.GetValueOrDefault(variable), "check", inventory);

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains(expected, result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
        Assert.Empty(hosts.Opened);
    }

    private (string Inventory, string Expected) Arrange(string name)
    {
        var @case = LoaderCatalogue.Cases.Single(c => c.Name == name);
        _directory.Write("secrets/empty", "");
        _directory.Write("secrets/short", "abc\n");
        _directory.Write("secrets/large", new string('s', 70 * 1024));
        LoaderFixtures.MakeFifo(Path.Combine(_directory.Path, "secrets", "fifo"));
        return (_directory.Write("inventory.yaml", @case.Yaml), @case.Expected);
    }
}
