using System.Text.Json;

namespace FooBar.Provision.EndToEndTests;

/// <summary>Runs the real `provision` command (the built CLI, as a separate process) and reads its JSON report.</summary>
internal static class Provision
{
    private static readonly string Cli = Path.Combine(AppContext.BaseDirectory, "provision.dll");

    public static CliResult Run(params string[] arguments)
    {
        var (exit, output, error) = Lab.Run("dotnet", [Cli, .. arguments], TimeSpan.FromMinutes(15), check: false);
        return new CliResult(exit, output, error);
    }

    /// <summary>Runs a verb with --output json and returns the exit code and the parsed document.</summary>
    public static (int Exit, JsonElement Report, string Raw) Json(params string[] arguments)
    {
        var result = Run([.. arguments, "--output", "json"]);
        try
        {
            return (result.Exit, JsonDocument.Parse(result.Output).RootElement, result.Output + result.Error);
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"provision {string.Join(' ', arguments)} did not print JSON (exit {result.Exit}):\n{result.Output}\n{result.Error}", e);
        }
    }

    public static IReadOnlyList<JsonElement> Resources(JsonElement report, string status) =>
        report.GetProperty("hosts").EnumerateArray().SelectMany(h => h.GetProperty("resources").EnumerateArray())
            .Where(r => r.GetProperty("status").GetString() == status).ToArray();

    public static IReadOnlyList<string> Ids(JsonElement report, string status) =>
        Resources(report, status).Select(r => r.GetProperty("id").GetString() ?? "").ToArray();

    public static IReadOnlyList<JsonElement> Handlers(JsonElement report) =>
        report.GetProperty("hosts").EnumerateArray().SelectMany(h => h.GetProperty("handlers").EnumerateArray()).ToArray();
}

internal sealed record CliResult(int Exit, string Output, string Error);
