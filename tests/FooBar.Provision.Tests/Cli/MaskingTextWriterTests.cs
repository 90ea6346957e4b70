using FooBar.Provision.Cli.Rendering;
using FooBar.Provision.Variables;

namespace FooBar.Provision.Tests.Cli;

public sealed class MaskingTextWriterTests
{
    [Fact]
    public void A_secret_split_across_writes_is_still_masked()
    {
        using var inner = new StringWriter();
        using (var writer = new MaskingTextWriter(inner, new SecretMasker(["s3cr3t"])))
        {
            writer.Write("password: s3");
            writer.Write('c');
            writer.WriteLine("r3t!");
            writer.Write("tail s3cr3t");
        }

        Assert.Equal("password: ********!" + Environment.NewLine + "tail ********", inner.ToString());
    }

    [Fact]
    public void Text_is_held_back_only_until_the_line_ends_or_a_flush()
    {
        using var inner = new StringWriter();
        using var writer = new MaskingTextWriter(inner, SecretMasker.None);

        writer.Write("partial");
        var before = inner.ToString();
        writer.Flush();

        Assert.Equal("", before);
        Assert.Equal("partial", inner.ToString());
    }
}
