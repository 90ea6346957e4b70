using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using FooBar.Provision.Facts;
using FooBar.Provision.Reporting;

namespace FooBar.Provision.Cli.Rendering;

/// <summary>The <c>--output json</c> document (schema version 1, documented in docs/json-output.md).</summary>
internal static class JsonReport
{
    /// <summary>The schema version; raised only when a field changes meaning or disappears.</summary>
    public const int SchemaVersion = 1;

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,

        // Diffs stay readable ('+', '<', '&' unescaped); the document is printed, never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters =
        {
            new JsonStringEnumConverter<HostStatus>(JsonNamingPolicy.CamelCase),
            new JsonStringEnumConverter<ResourceStatus>(JsonNamingPolicy.CamelCase),
            new JsonStringEnumConverter<BatchStatus>(JsonNamingPolicy.CamelCase),
        },
        TypeInfoResolver = CliJson.Default,
    };

    /// <summary>Writes the document for <paramref name="report"/> and a final newline.</summary>
    public static async Task WriteAsync(TextWriter output, RunReport report, string mode, int exitCode)
    {
        await output.WriteLineAsync(CliJson.Serialize(ToDocument(report, mode, exitCode), Options)).ConfigureAwait(false);
        await output.FlushAsync().ConfigureAwait(false);
    }

    public static DocumentJson ToDocument(RunReport report, string mode, int exitCode) => new(
        SchemaVersion,
        mode,
        report.Hosts.Select(ToHost).ToArray(),
        report.Rollout is { } rollout ? new RolloutJson([.. rollout.Batches.Select(b => new BatchJson(b.Number, b.Group, b.Hosts, b.Status))], rollout.StoppedReason) : null,
        new TotalsJson(
            report.Hosts.Count,
            report.Hosts.Sum(h => h.OkCount),
            report.Hosts.Sum(h => h.ChangedCount),
            report.Hosts.Sum(h => h.PendingCount),
            report.Hosts.Sum(h => h.FailedCount),
            report.Hosts.Sum(h => h.SkippedCount),
            report.Hosts.Count(h => h.Status == HostStatus.Unreachable),
            report.Hosts.Count(h => h.Status == HostStatus.NotRun),
            report.Hosts.Sum(h => h.RoundTrips),
            Seconds(report.Duration)),
        exitCode);

    private static HostJson ToHost(HostReport h) => new(
        h.Host,
        h.Status,
        h.Facts is { } f ? new FactsJson(f.OsId, f.OsVersion, f.InitSystem, f.PackageManager, f.Architecture, f.Hostname) : null,
        h.Resources.Select(r => new ResourceJson(r.Id, r.Role, r.Status, r.Summary, r.Diff, Seconds(r.Duration), r.Error)).ToArray(),
        h.Handlers.Select(x => new HandlerJson(x.Name, x.Status, x.Error, x.Owed, x.PutBack, x.Detail)).ToArray(),
        h.RoundTrips,
        Seconds(h.Duration),
        h.Error,
        h.Notes,
        h.Batch,
        h.Release,
        [.. h.Rotation.Select(r => new RotationJson(r.Balancer, r.Server, r.BackInRotation, r.Detail))]);

    private static double Seconds(TimeSpan duration) => Math.Round(duration.TotalSeconds, 3, MidpointRounding.AwayFromZero);

    internal sealed record DocumentJson(int SchemaVersion, string Mode, IReadOnlyList<HostJson> Hosts, RolloutJson? Rollout, TotalsJson Totals, int ExitCode);

    internal sealed record HostJson(string Host, HostStatus Status, FactsJson? Facts, IReadOnlyList<ResourceJson> Resources, IReadOnlyList<HandlerJson> Handlers, int RoundTrips, double DurationSeconds, string? Error, IReadOnlyList<string> Notes, int? Batch, string? Release, IReadOnlyList<RotationJson> Rotation);

    internal sealed record RolloutJson(IReadOnlyList<BatchJson> Batches, string? StoppedReason);

    internal sealed record BatchJson(int Number, string? Group, IReadOnlyList<string> Hosts, BatchStatus Status);

    internal sealed record RotationJson(string Balancer, string Server, bool BackInRotation, string Detail);

    internal sealed record FactsJson(string OsId, string OsVersion, string InitSystem, string PackageManager, string Architecture, string Hostname);

    internal sealed record ResourceJson(string Id, string Role, ResourceStatus Status, string? Summary, string? Diff, double DurationSeconds, string? Error);

    internal sealed record HandlerJson(string Name, ResourceStatus Status, string? Error, bool Owed, bool PutBack, string? Detail);

    internal sealed record TotalsJson(int Hosts, int Ok, int Changed, int Pending, int Failed, int Skipped, int Unreachable, int NotRun, int RoundTrips, double DurationSeconds);
}
