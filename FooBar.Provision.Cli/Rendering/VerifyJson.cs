using FooBar.Provision.Verification;

namespace FooBar.Provision.Cli.Rendering;

/// <summary>The <c>--output json</c> document of <c>provision verify</c> (docs/json-output.md): named records, so its JSON is generated at build time.</summary>
internal static class VerifyJson
{
    public static VerifyDocumentJson ToDocument(VerifyReport report) => new(
        JsonReport.SchemaVersion,
        "verify",
        [.. report.Hosts.Select(h => new VerifyHostJson(h.Host, h.Address, h.StatusName, h.SkipReason, [.. h.Checks.Select(ToCheck)]))],
        [.. report.Replication.Select(ToReplica)],
        new VerifyTotalsJson(
            report.Hosts.Count,
            report.Checks.Count,
            report.PassedCount,
            report.FailedCount,
            report.SkippedCount,
            report.Replication.Count,
            report.Replication.Count(r => !r.Passed),
            Seconds(report.Duration)),
        report.ExitCode);

    private static CheckJson ToCheck(SiteCheck c) => new(
        c.Name,
        c.StatusName,
        c.Message,
        c.Warning,
        new DnsJson(c.Dns.Resolved, c.Dns.Expected, c.Dns.Matches, c.Dns.Error),
        c.Http is not { } x ? null : new HttpJson(x.Url, x.HostHeader, x.ExpectedStatus, x.StatusCode, x.ExpectedText, x.TextFound, x.Snippet, x.Error),
        Seconds(c.Duration));

    private static ReplicaJson ToReplica(ReplicationCheck check) => new(
        check.Host,
        check.Primary,
        check.StatusName,
        check.IoRunning,
        check.SqlRunning,
        check.SecondsBehindMaster,
        check.PrimaryGtid,
        check.ReplicaGtid,
        check.CatchUp is { } lag ? Math.Round(lag.TotalSeconds, 6) : null,
        check.Error,
        check.Message,
        Seconds(check.Duration));

    private static double Seconds(TimeSpan duration) => Math.Round(duration.TotalSeconds, 3, MidpointRounding.AwayFromZero);

    internal sealed record VerifyDocumentJson(int SchemaVersion, string Mode, IReadOnlyList<VerifyHostJson> Hosts, IReadOnlyList<ReplicaJson> Replication, VerifyTotalsJson Totals, int ExitCode);

    internal sealed record VerifyHostJson(string Host, string Address, string Status, string? SkipReason, IReadOnlyList<CheckJson> Checks);

    internal sealed record CheckJson(string Name, string Status, string Message, string? Warning, DnsJson Dns, HttpJson? Http, double DurationSeconds);

    internal sealed record DnsJson(IReadOnlyList<string> Resolved, IReadOnlyList<string> Expected, bool Matches, string? Error);

    internal sealed record HttpJson(string Url, string HostHeader, int ExpectedStatus, int? Status, string ExpectedText, bool TextFound, string? Snippet, string? Error);

    internal sealed record ReplicaJson(string Host, string Primary, string Status, string IoRunning, string SqlRunning, long? SecondsBehindMaster, string? PrimaryGtid, string? ReplicaGtid, double? CatchUpSeconds, string? Error, string Message, double DurationSeconds);

    internal sealed record VerifyTotalsJson(int Hosts, int Checks, int Passed, int Failed, int SkippedHosts, int Replicas, int ReplicasFailed, double DurationSeconds);
}
