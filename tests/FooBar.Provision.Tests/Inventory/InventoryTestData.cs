using FooBar.Provision.Inventory;

namespace FooBar.Provision.Tests.Inventory;

/// <summary>The role catalog, loaders and helpers shared by the inventory tests.</summary>
internal static class InventoryTestData
{
    public const string FilePath = "inventory/foobar.yaml";

    public static IReadOnlyDictionary<string, IReadOnlyList<string>> KnownRoles { get; } = new Dictionary<string, IReadOnlyList<string>>
    {
        ["base"] = [],
        ["mysql"] = ["db_password"],
        ["app-files"] = [],
        ["app-server"] = ["app_port"],
        ["nginx"] = ["domain"],
    };

    public static InventoryLoader Loader(IReadOnlyDictionary<string, string>? environment = null) =>
        new(KnownRoles, name => environment is not null && environment.TryGetValue(name, out var value) ? value : null);

    public static InventoryModel Parse(string yaml, IReadOnlyDictionary<string, string>? overrides = null) =>
        Loader().Parse(yaml, FilePath, overrides);

    public static InventoryException Fails(string yaml, IReadOnlyDictionary<string, string>? environment = null, string path = FilePath) =>
        Assert.Throws<InventoryException>(() => Loader(environment).Parse(yaml, path));

    /// <summary>Asserts exactly one error, at <paramref name="line"/>:<paramref name="column"/>, and returns it.</summary>
    public static InventoryError SingleErrorAt(InventoryException exception, int line, int column)
    {
        var error = Assert.Single(exception.Errors);
        Assert.Equal(new SourceLocation(FilePath, line, column), error.Location);
        return error;
    }
}
