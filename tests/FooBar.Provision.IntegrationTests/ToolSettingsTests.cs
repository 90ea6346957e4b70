using System.Text.Json;

namespace FooBar.Provision.IntegrationTests;

/// <summary>The built-in <c>provision</c> tool (its own process) reads <c>provision.json</c> from the current directory, and only when it is there.</summary>
public sealed class ToolSettingsTests : IDisposable
{
    private const string Inventory = """
        hosts:
          www:
            address: 192.0.2.10
            roles: [base]
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("fbp-settings-").FullName;
    private readonly string _tool = Path.Combine(AppContext.BaseDirectory, "provision.dll");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Provision_json_in_the_current_directory_gives_check_its_output_option()
    {
        File.WriteAllText(Path.Combine(_directory, "inventory.yaml"), Inventory);
        var plain = await LocalProcess.RunInAsync(_directory, TimeSpan.FromMinutes(1), "dotnet", _tool, "check", "inventory.yaml");
        File.WriteAllText(Path.Combine(_directory, "provision.json"), """{ "check": { "output": "json" } }""");

        var configured = await LocalProcess.RunInAsync(_directory, TimeSpan.FromMinutes(1), "dotnet", _tool, "check", "inventory.yaml");

        Assert.StartsWith("inventory OK", plain, StringComparison.Ordinal);
        Assert.Equal("check", JsonDocument.Parse(configured).RootElement.GetProperty("mode").GetString());
    }

    [Fact]
    public async Task A_provision_json_that_is_not_json_exits_3_naming_the_file_without_a_stack_trace()
    {
        File.WriteAllText(Path.Combine(_directory, "inventory.yaml"), Inventory);
        File.WriteAllText(Path.Combine(_directory, "provision.json"), "{ \"forks\": ");

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => LocalProcess.RunInAsync(_directory, TimeSpan.FromMinutes(1), "dotnet", _tool, "check", "inventory.yaml"));

        Assert.Contains("exited with 3: provision: ", failure.Message, StringComparison.Ordinal);
        Assert.Contains("provision.json is not valid JSON", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", failure.Message, StringComparison.Ordinal);
    }
}
