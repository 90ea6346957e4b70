using System.Globalization;
using System.Text;
using System.Text.Json;
using FooBar.Provision.Transport;

namespace FooBar.Provision.Planning;

/// <summary>
/// What a host is owed: handlers notified by changes that landed, and files that wait for their handler's validation
/// (with where their previous version is kept). Kept on the host (<c>journal.json</c> in the state directory, written
/// atomically) from before such a change until the handler ran, so that an interrupted run is finished by the next one.
/// </summary>
/// <remarks>The format is documented in docs/journal.md; <see cref="Version"/> changes when a field changes meaning.</remarks>
internal sealed record HostJournal
{
    public const string FileName = "journal.json";

    public int Version { get; init; } = 1;

    /// <summary>When the first entry was recorded (UTC).</summary>
    public DateTimeOffset Since { get; init; }

    /// <summary>Who recorded it: <c>user@machine pid N</c>.</summary>
    public string Controller { get; init; } = "";

    /// <summary>The owed handlers, in the order they were first notified.</summary>
    public IReadOnlyList<JournalHandler> Handlers { get; init; } = [];

    /// <summary>The files written under a validating or checking handler's guard.</summary>
    public IReadOnlyList<JournalFile> Files { get; init; } = [];

    public bool IsEmpty => Handlers.Count == 0 && Files.Count == 0;

    public static HostJournal? Parse(string json)
    {
        try
        {
            var journal = JsonSerializer.Deserialize(json, HostJournalJson.Default.HostJournal);
            return journal is { Version: 1 } ? journal : throw new ProvisionException($"the host's journal has version {journal?.Version}, which this provision does not know", "run the provision version that wrote it, or remove the journal after checking the host by hand");
        }
        catch (JsonException e)
        {
            throw new ProvisionException($"the host's journal is not valid JSON: {e.Message}", "remove the journal (see docs/journal.md) after checking the handlers it names by hand");
        }
    }

    public byte[] ToBytes() => Encoding.UTF8.GetBytes(JsonSerializer.Serialize(this, HostJournalJson.Default.HostJournal) + "\n");

    /// <summary>This journal with <paramref name="handlers"/> (and the files that wait for them) owed as well.</summary>
    public HostJournal With(IEnumerable<Handler> handlers, IEnumerable<GuardedFile> files)
    {
        var owed = Handlers.ToList();
        foreach (var handler in handlers.Where(h => owed.All(o => o.Name != h.Name)))
        {
            owed.Add(JournalHandler.From(handler));
        }

        var guarded = Files.ToList();
        guarded.AddRange(files.Select(JournalFile.From).Where(f => !guarded.Contains(f)));
        return this with { Handlers = owed, Files = guarded };
    }

    /// <summary>This journal without the handlers in <paramref name="paid"/> and the files that waited only for them.</summary>
    public HostJournal Without(IReadOnlySet<string> paid) => this with
    {
        Handlers = Handlers.Where(h => !paid.Contains(h.Name)).ToArray(),
        Files = Files.Where(f => !paid.Contains(f.Handler)).ToArray(),
    };

    public IReadOnlyList<GuardedFile> GuardedFiles => Files.Select(f => new GuardedFile(f.Handler, f.Path, f.Backup, f.Existed)).ToArray();

    public string Describe() => string.Create(CultureInfo.InvariantCulture, $"owed since {Since.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC by an interrupted apply ({Controller})");
}

/// <summary>An owed handler, with its scripts as they were when it was notified (a later run prefers its own definition of the same name).</summary>
internal sealed record JournalHandler(string Name, string Script, string? Validate, string? Check, double? CheckTimeoutSeconds, IReadOnlyList<string> Covers, string? Recover = null)
{
    public static JournalHandler From(Handler handler) =>
        new(handler.Name, handler.Script.Text, handler.ValidateScript?.Text, handler.CheckScript?.Text, handler.CheckTimeout?.TotalSeconds, handler.Covers, handler.RecoverScript?.Text);

    // Raw: the journal holds scripts this engine built (values already quoted) and wrote into its own state directory
    // (mode 700); reading them back is reading a script, not a value.
    public Handler ToHandler() => new(Name, ShellScript.Raw(Script))
    {
        ValidateScript = Raw(Validate),
        CheckScript = Raw(Check),
        RecoverScript = Raw(Recover),
        CheckTimeout = CheckTimeoutSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
        Covers = Covers,
    };

    private static ShellScript? Raw(string? script) => script is null ? null : ShellScript.Raw(script);
}

/// <summary>A file that waits for <see cref="Handler"/>'s validation; its previous version is at <see cref="Backup"/> when it <see cref="Existed"/>.</summary>
internal sealed record JournalFile(string Handler, string Path, string Backup, bool Existed)
{
    public static JournalFile From(GuardedFile file) => new(file.Handler, file.Path, file.BackupPath, file.Existed);
}
