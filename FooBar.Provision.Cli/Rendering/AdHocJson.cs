using FooBar.Provision.Cli.Commands;

namespace FooBar.Provision.Cli.Rendering;

/// <summary>The <c>--output json</c> document of <c>provision run</c> (docs/cli/run.md).</summary>
internal static class AdHocJson
{
    /// <summary>Writes <c>{ schemaVersion, mode: "run", command, hosts: [...], totals, exitCode }</c>.</summary>
    public static async Task WriteAsync(TextWriter output, string command, IReadOnlyList<AdHocResult> results, TimeSpan duration, int exitCode)
    {
        var document = new RunDocumentJson(
            JsonReport.SchemaVersion,
            "run",
            command,
            results.Select(r => new RunHostJson(r.Host, r.Status, r.ExitCode, r.StandardOutput, r.StandardError, Seconds(r.Duration), r.Error)).ToArray(),
            new RunTotalsJson(results.Count, results.Count(r => r.Status == "ok"), results.Count(r => r.Status == "failed"), results.Count(r => r.Status == "unreachable"), Seconds(duration)),
            exitCode);
        await output.WriteLineAsync(CliJson.Serialize(document, JsonErrors.Options)).ConfigureAwait(false);
        await output.FlushAsync().ConfigureAwait(false);
    }

    private static double Seconds(TimeSpan duration) => Math.Round(duration.TotalSeconds, 3, MidpointRounding.AwayFromZero);

    internal sealed record RunDocumentJson(int SchemaVersion, string Mode, string Command, IReadOnlyList<RunHostJson> Hosts, RunTotalsJson Totals, int ExitCode);

    internal sealed record RunHostJson(string Host, string Status, int? ExitCode, string Stdout, string Stderr, double DurationSeconds, string? Error);

    internal sealed record RunTotalsJson(int Hosts, int Ok, int Failed, int Unreachable, double DurationSeconds);
}
