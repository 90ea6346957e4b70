using System.Text.Encodings.Web;
using System.Text.Json;
using FooBar.Provision.Inventory;

namespace FooBar.Provision.Cli.Rendering;

/// <summary>The <c>--output json</c> document of a run that ended before any host (bad input, exit 3; an internal error, exit 70).</summary>
internal static class JsonErrors
{
    /// <summary>camelCase, indented, diffs readable: the options of every JSON document but the run report's (which adds enum names).</summary>
    internal static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = CliJson.Default,
    };

    /// <summary>Writes <c>{ schemaVersion, mode, hosts: [], errors: [...], exitCode }</c>.</summary>
    public static async Task WriteAsync(TextWriter output, string mode, int exitCode, IReadOnlyList<InventoryError> errors)
    {
        var document = new ErrorDocument(
            JsonReport.SchemaVersion,
            mode,
            [],
            errors.Select(e => new ErrorJson(e.Location.File, e.Location.Line, e.Location.Column, e.Message, e.Hint)).ToArray(),
            exitCode);
        await output.WriteLineAsync(CliJson.Serialize(document, Options)).ConfigureAwait(false);
        await output.FlushAsync().ConfigureAwait(false);
    }

    internal sealed record ErrorDocument(int SchemaVersion, string Mode, IReadOnlyList<JsonReport.HostJson> Hosts, IReadOnlyList<ErrorJson> Errors, int ExitCode);

    internal sealed record ErrorJson(string File, int Line, int Column, string Message, string Hint);
}
