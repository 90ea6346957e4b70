using FooBar.Provision.Inventory;
using FooBar.Provision.Planning;
using FooBar.Provision.Roles;
using FooBar.Provision.Tests.Cli;
using FooBar.Provision.Transport;
using Moq;

namespace FooBar.Provision.Tests.Catalogue.Variables;

/// <summary>Runs one inventory through <c>provision check</c> (in process) and through the engine's own validation.</summary>
internal static class CatalogueRun
{
    public const string HostVarsHeader = """
        hosts:
          www:
            address: 192.0.2.10
            roles: [base, mysql, app-files, app-server, nginx]
            vars:

        """;

    /// <summary>The first line of the host's vars in <see cref="HostVarsHeader"/> (1-based).</summary>
    public const int FirstVarLine = 6;

    /// <summary>What check printed (exit code and standard error) and what the engine's validation found.</summary>
    public static async Task<(CliResult Check, IReadOnlyList<InventoryError> Engine)> RunAsync(string yaml, params string[] vars)
    {
        using var directory = new FooBar.Provision.Tests.Inventory.TempDirectory();
        var path = directory.Write("inventory.yaml", yaml);
        var args = new List<string> { "check", path };
        foreach (var v in vars)
        {
            args.Add("--var");
            args.Add(v);
        }

        var check = await CliHarness.RunAsync(new MockHosts(), [.. args]);
        var engine = await EngineErrorsAsync(path, vars);
        string Normal(string text) => text.Replace(path, "INVENTORY", StringComparison.Ordinal).Replace(directory.Path, "INVENTORY_DIR", StringComparison.Ordinal);
        return (check with { Stderr = Normal(check.Stderr).ReplaceLineEndings("\n") }, engine.Select(e => e with { Location = e.Location with { File = Normal(e.Location.File) }, Message = Normal(e.Message), Hint = Normal(e.Hint) }).ToArray());
    }

    // The library path: load the inventory, then let the engine run with a transport that must never be used.
    private static async Task<IReadOnlyList<InventoryError>> EngineErrorsAsync(string path, string[] vars)
    {
        var catalog = BuiltInRoles.Catalog();
        var noRequirements = catalog.Roles.Keys.ToDictionary(n => n, IReadOnlyList<string> (_) => [], StringComparer.Ordinal);
        var model = new InventoryLoader(noRequirements, _ => null).Load(path, InventoryLoader.ParseOverrides(vars));
        if (catalog.Validate(model.Hosts).Count == 0)
        {
            return [];
        }

        var connections = new Mock<IConnectionFactory>(MockBehavior.Strict);
        try
        {
            await new ProvisionEngine(catalog, connections.Object).RunAsync(model.Hosts, new RunOptions { DryRun = true });
        }
        catch (InventoryException e)
        {
            connections.Verify(c => c.Open(It.IsAny<HostEntry>()), Times.Never);
            return e.Errors;
        }

        throw new Xunit.Sdk.XunitException("the engine accepted the inventory and would have connected");
    }

    /// <summary>A YAML double-quoted scalar holding <paramref name="value"/> exactly.</summary>
    public static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal) + "\"";
}
