using System.Text.Json.Serialization;

namespace FooBar.Provision.Planning;

/// <summary>The host journal's JSON (docs/journal.md), generated at build time: no reflection, so the compiled-ahead tool reads and writes it.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(HostJournal))]
internal sealed partial class HostJournalJson : JsonSerializerContext;
