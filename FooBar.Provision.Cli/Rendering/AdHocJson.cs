using System.Text.Json;
using FooBar.Provision.Cli.Commands;

namespace FooBar.Provision.Cli.Rendering;

/// <summary>The <c>--output json</c> document of <c>provision run</c> (docs/cli/run.md).</summary>
internal static class AdHocJson
{
    /// <summary>Writes <c>{ schemaVersion, mode: "run", command, hosts: [...], totals, exitCode }</c>.</summary>
    public static async Task WriteAsync(TextWriter output, string command, IReadOnlyList<AdHocResult> results, TimeSpan duration, int exitCode)
    {
        var document = new Document(
            JsonReport.SchemaVersion,
            "run",
            command,
            results.Select(r => new HostJson(r.Host, r.Status, r.ExitCode, r.StandardOutput, r.StandardError, Seconds(r.Duration), r.Error)).ToArray(),
            new TotalsJson(results.Count, results.Count(r => r.Status == "ok"), results.Count(r => r.Status == "failed"), results.Count(r => r.Status == "unreachable"), Seconds(duration)),
            exitCode);
        await output.WriteLineAsync(JsonSerializer.Serialize(document, JsonErrors.Options)).ConfigureAwait(false);
        await output.FlushAsync().ConfigureAwait(false);
    }

    private static double Seconds(TimeSpan duration) => Math.Round(duration.TotalSeconds, 3, MidpointRounding.AwayFromZero);

    internal sealed record Document(int SchemaVersion, string Mode, string Command, IReadOnlyList<HostJson> Hosts, TotalsJson Totals, int ExitCode);

    internal sealed record HostJson(string Host, string Status, int? ExitCode, string Stdout, string Stderr, double DurationSeconds, string? Error);

    internal sealed record TotalsJson(int Hosts, int Ok, int Failed, int Unreachable, double DurationSeconds);
}
