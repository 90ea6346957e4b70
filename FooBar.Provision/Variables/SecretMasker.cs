using System.Text.Encodings.Web;
using System.Text.Json;

namespace FooBar.Provision.Variables;

/// <summary>Replaces every known secret in a text with the mask, in every shape a secret takes in output.</summary>
/// <remarks>
/// <para>A secret is masked wherever it appears whole, and wherever any one of its lines appears on its own: a
/// multi-line secret shows up line by line in a diff (<c>+line</c>), indented in a rendered template, or with its line
/// breaks escaped inside a JSON string. Each line is matched without its surrounding white space, as written and in
/// its escaped forms: JSON (strict and relaxed escaping), the shell's single-quoted form (<c>'\''</c>) and percent-encoding.</para>
/// <para>A line with fewer than <see cref="MinimumLength"/> characters besides white space is not masked on its own
/// (masking <c>{</c> or <c>end</c> would hide every occurrence of it in the output); the inventory loader refuses a
/// secret shorter than that altogether. Applied to diffs, logged commands, command output in errors and reports.</para>
/// </remarks>
public sealed class SecretMasker
{
    /// <summary>The fewest characters (besides white space) a line of a secret needs to be masked on its own.</summary>
    public const int MinimumLength = 4;

    // What JsonSerializer.Serialize(line, new JsonSerializerOptions { Encoder = relaxed }) writes, without building the
    // serializer's reflection-based converters: about 10 ms of CPU at the start of every run with a secret (provision check).
    private static readonly JsonWriterOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly string[] _patterns;

    /// <summary>Creates a masker for the given secret values (empty values are ignored).</summary>
    public SecretMasker(IEnumerable<string> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        _patterns = secrets.Where(s => s.Length > 0).SelectMany(Shapes)
            .Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length).ToArray();
    }

    /// <summary>A masker that masks nothing.</summary>
    public static SecretMasker None { get; } = new([]);

    /// <summary>Masks every secret in <paramref name="text"/>.</summary>
    public string Mask(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var pattern in _patterns)
        {
            text = text.Replace(pattern, SecretValue.Mask, StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>The lines of <paramref name="secret"/> that are masked on their own (trimmed; at least <see cref="MinimumLength"/> characters besides white space).</summary>
    public static IReadOnlyList<string> MaskedLines(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return secret.Split('\n').Select(line => line.Trim()).Where(line => line.Count(c => !char.IsWhiteSpace(c)) >= MinimumLength).ToArray();
    }

    internal static string SerializedRelaxed(string line)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Relaxed))
        {
            writer.WriteStringValue(line);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static IEnumerable<string> Shapes(string secret)
    {
        yield return secret;
        foreach (var line in MaskedLines(secret).Prepend(secret.Trim()).Prepend(secret).Where(l => l.Length > 0))
        {
            yield return line;
            if (!WellFormed(line))
            {
                // A lone surrogate has no JSON or percent-encoded form (the encoders throw); it shows as written, or not at all.
                continue;
            }

            yield return JsonEncodedText.Encode(line).Value;
            yield return JsonEncodedText.Encode(line, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).Value;
            yield return SerializedRelaxed(line)[1..^1];
            yield return line.Replace("'", "'\\''", StringComparison.Ordinal);

            // Percent-encoded, as a URL or the app's config.ini carries it (RFC 3986, and with ~ encoded too).
            yield return Uri.EscapeDataString(line);
            yield return Uri.EscapeDataString(line).Replace("~", "%7E", StringComparison.Ordinal);
        }
    }

    private static bool WellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }
}
