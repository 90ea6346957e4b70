using System.Text.Encodings.Web;
using System.Text.Json;
using CsCheck;
using FooBar.Provision.Variables;

namespace FooBar.Provision.Tests.Cli;

/// <summary>The masker's relaxed JSON shape of a secret line is byte for byte what System.Text.Json's serializer writes, without the serializer.</summary>
public sealed class SecretMaskerShapesTests
{
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Fact]
    public void The_relaxed_json_shape_equals_the_serializers_for_generated_lines() =>
        Gen.String[Gen.OneOf(Gen.Char.AlphaNumeric, Gen.OneOfConst('"', '\\', '\'', '<', '>', '&', '+', '\t', '\n', '\r', '\u0001', '\u007f', 'é', '日', '\u2028', '\u00a0'))]
            .Sample(line => Assert.Equal(JsonSerializer.Serialize(line, Relaxed), SecretMasker.SerializedRelaxed(line)), iter: 2000);

    [Fact]
    public void A_secret_is_masked_in_its_relaxed_json_shape()
    {
        var masker = new SecretMasker(["pa\"ss<wörd>"]);

        Assert.Equal("{\"password\":\"********\"}", masker.Mask("{\"password\":" + JsonSerializer.Serialize("pa\"ss<wörd>", Relaxed) + "}"));
    }
}
