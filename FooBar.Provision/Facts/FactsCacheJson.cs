using System.Text.Json.Serialization;

namespace FooBar.Provision.Facts;

/// <summary>
/// The facts cache's JSON, generated at build time: reading a cache entry is on the path of every run, and the
/// reflection-based serializer's first use cost about 40 ms of it (median of 5, lab host, loaded machine).
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(FactsCache.Entry))]
internal sealed partial class FactsCacheJson : JsonSerializerContext;
