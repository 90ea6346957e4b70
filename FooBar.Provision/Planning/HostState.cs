using System.Globalization;
using System.Text;
using FooBar.Provision.Facts;

namespace FooBar.Provision.Planning;

/// <summary>What the first round trip found: the facts, the state directory, the journal and the apply lock.</summary>
internal sealed record HostState(HostFacts Facts, string StateDirectory, HostJournal? Journal, string Lock, LockOwner? Owner)
{
    /// <summary>The line the opening script prints after the facts lines.</summary>
    public const string FactsEnd = "facts_end";

    /// <summary>The facts lines exactly as the host printed them (without the last newline), or "" when the output has no <see cref="FactsEnd"/> line.</summary>
    public string FactsText { get; init; } = "";

    /// <summary>True when the facts were those of the cache and the probes built from them ran in the same script.</summary>
    public bool FactsCached { get; init; }

    public const string FallbackStateDirectory = "/var/lib/foobar-provision";

    public string JournalPath => StateDirectory.TrimEnd('/') + "/" + HostJournal.FileName;

    /// <summary>True when another connection holds the lock (apply: after waiting; plan: at this moment).</summary>
    public bool LockBusy => Lock == "busy";

    public static HostState Parse(string output)
    {
        var values = FactsGatherer.ParseValues(output);
        var journal = values.TryGetValue("journal", out var encoded) && encoded.Length > 0 ? HostJournal.Parse(Decode(encoded)) : null;
        var owner = values.TryGetValue("lock_owner", out var ownerText) ? LockOwner.Parse(Decode(ownerText)) : null;
        var end = output.IndexOf("\n" + FactsEnd + "\n", StringComparison.Ordinal);
        return new HostState(
            FactsGatherer.Parse(output),
            values.TryGetValue("state_dir", out var directory) && directory.StartsWith('/') ? directory : FallbackStateDirectory,
            journal is { IsEmpty: false } ? journal : null,
            values.GetValueOrDefault("lock", "unknown"),
            owner)
        {
            FactsText = end > 0 ? output[..end] : "",
            FactsCached = values.GetValueOrDefault("facts") == "cached",
        };
    }

    private static string Decode(string base64)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(base64));
        }
        catch (FormatException)
        {
            return "";
        }
    }
}

/// <summary>Who holds (or last held) a host's apply lock.</summary>
internal sealed record LockOwner(DateTimeOffset? Since, string Pid, string Controller)
{
    public static LockOwner Parse(string text)
    {
        var values = text.Split('\n').Select(l => l.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        var since = long.TryParse(values.GetValueOrDefault("since"), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds) : (DateTimeOffset?)null;
        return new LockOwner(since, values.GetValueOrDefault("pid", "?"), values.GetValueOrDefault("controller", "?"));
    }

    public string Describe() =>
        string.Create(CultureInfo.InvariantCulture, $"since {(Since is { } s ? s.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC" : "an unknown time")} (pid {Pid}, controller {Controller})");
}
