using System.Diagnostics;
using System.Text;
using FooBar.Provision.Transport;

namespace FooBar.Provision.Tests.Transport;

/// <summary>Property tests: whatever a value holds, the quoted word reaches a real POSIX shell as exactly that value.</summary>
public sealed class ShellQuoteTests
{
    /// <summary>Single characters and short strings a shell would otherwise interpret (NUL cannot be in an argument).</summary>
    private static readonly string[] HostileAlphabet =
    [
        "'", "\"", "$", "`", "\\", ";", "&", "|", "<", ">", "(", ")", "{", "}", "[", "]", "*", "?", "~", "!", "#", "%", "^",
        "=", ",", "+", "@", "-", ":", "/", ".", " ", "\t", "\n", "\r", "\v", "\f", "\x01", "\x1b", "\x7f", "a", "Z", "0",
        "é", "ß", "中", "🚀", "👩‍👩‍👧", "שלום", "مرحبا", "\u202e", "\u00a0", "\ufeff", "$(id)", "${HOME}", "'\\''", "\\'",
    ];

    public static TheoryData<string> HostileValues() =>
    [
        string.Empty,
        "plain",
        "it's",
        "'",
        "''",
        "\"double\"",
        "$(id)",
        "`id`",
        "$HOME ${HOME} $((1+1))",
        ";rm -rf /",
        "a && b || c | d & e",
        "line one\nline two\n",
        "\n",
        "tab\there",
        "* ? [a-z] **/*.conf",
        "~",
        "~root/x",
        "!",
        "!!",
        "\\",
        "back\\slash\\",
        "\\'",
        "'\\''",
        "-n",
        "--",
        "FOO=bar",
        "%s %d %%",
        "é ü ß 中文 日本語",
        "🚀 emoji 👩‍👩‍👧",
        "שלום \u202e RTL עולם",
        "مرحبا",
        "\x01\x1b[31mred\x1b[0m\x7f",
        " leading and trailing spaces ",
    ];

    [Theory]
    [MemberData(nameof(HostileValues))]
    public async Task A_quoted_value_reaches_the_shell_byte_for_byte(string value) =>
        Assert.Equal(Expected(value), await EchoThroughShellAsync(value));

    [Fact]
    public async Task A_very_long_value_reaches_the_shell_byte_for_byte()
    {
        var value = string.Concat(Enumerable.Repeat("'$(id)`id`\"\n é🚀 *", 5_000)); // 85,000 characters

        Assert.Equal(Expected(value), await EchoThroughShellAsync(value));
    }

    [Fact]
    public async Task Random_hostile_strings_reach_the_shell_byte_for_byte()
    {
        var random = new Random(20240601);
        for (var i = 0; i < 500; i++)
        {
            var value = string.Concat(Enumerable.Range(0, random.Next(0, 40)).Select(_ => HostileAlphabet[random.Next(HostileAlphabet.Length)]));

            var actual = await EchoThroughShellAsync(value);

            Assert.True(Expected(value).AsSpan().SequenceEqual(actual), $"case {i}: {ShellQuote.Quote(value)} came back as {Encoding.UTF8.GetString(actual)}");
        }
    }

    [Fact]
    public void The_empty_string_is_an_empty_quoted_word() => Assert.Equal("''", ShellQuote.Quote(string.Empty));

    [Fact]
    public void A_value_of_only_safe_characters_is_left_as_is() => Assert.Equal("/etc/nginx/sites-enabled/www.foobar.com", ShellQuote.Quote("/etc/nginx/sites-enabled/www.foobar.com"));

    [Fact]
    public void Null_is_refused() => Assert.Throws<ArgumentNullException>(() => ShellQuote.Quote(null!));

    /// <summary>The UTF-8 bytes the shell must print; "1\n" first, because the value must be exactly one word.</summary>
    private static byte[] Expected(string value) => Encoding.UTF8.GetBytes("1\n" + value);

    /// <summary>Runs <c>/bin/sh -c 'set -- WORD; printf "%s\n" "$#"; printf %s "$1"'</c> and returns its stdout bytes.</summary>
    private static async Task<byte[]> EchoThroughShellAsync(string value)
    {
        var quoted = ShellQuote.Quote(value);
        var startInfo = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        startInfo.ArgumentList.Add("-c");
        startInfo.ArgumentList.Add($"set -- {quoted}; printf '%s\\n' \"$#\"; printf %s \"$1\"");
        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("/bin/sh did not start");
        using var output = new MemoryStream();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.BaseStream.CopyToAsync(output);
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"/bin/sh failed for {quoted}: {await stderr}");
        return output.ToArray();
    }
}
