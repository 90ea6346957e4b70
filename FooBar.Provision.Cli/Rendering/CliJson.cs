using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace FooBar.Provision.Cli.Rendering;

/// <summary>
/// The JSON of every <c>--output json</c> document, generated at build time: no reflection, so the tool compiled ahead
/// of time writes them. The options (naming, indentation, escaping, enum names) stay with each document's writer.
/// </summary>
[JsonSerializable(typeof(JsonReport.DocumentJson))]
[JsonSerializable(typeof(JsonErrors.ErrorDocument))]
[JsonSerializable(typeof(AdHocJson.RunDocumentJson))]
[JsonSerializable(typeof(VerifyJson.VerifyDocumentJson))]
internal sealed partial class CliJson : JsonSerializerContext
{
    /// <summary>Serializes <paramref name="value"/> with <paramref name="options"/>, whose resolver must be this context.</summary>
    public static string Serialize<T>(T value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(value, (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T)));
}
