using System.Globalization;
using FooBar.Provision.Transport;

namespace FooBar.Provision.Tests.Transport;

/// <summary>What the interpolated-string handler does with each kind of hole.</summary>
public sealed class ShellScriptTests
{
    [Fact]
    public void A_string_hole_becomes_one_quoted_word()
    {
        var path = "/tmp/it's $(id)";

        ShellScript script = $"rm -f -- {path}";

        Assert.Equal("rm -f -- '/tmp/it'\\''s $(id)'", script.Text);
    }

    [Fact]
    public void A_hole_of_safe_characters_stays_readable() =>
        Assert.Equal("test -e /etc/nginx/nginx.conf", Script($"test -e {"/etc/nginx/nginx.conf"}").Text);

    [Fact]
    public void An_empty_string_hole_is_an_empty_word() => Assert.Equal("printf %s ''", Script($"printf %s {string.Empty}").Text);

    [Fact]
    public void A_value_with_an_equals_sign_is_quoted_so_it_is_never_an_assignment() =>
        Assert.Equal("'PATH=/x' -t", Script($"{"PATH=/x"} -t").Text);

    [Fact]
    public void Numbers_are_formatted_with_the_invariant_culture_whatever_the_current_culture()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            Assert.Equal("sleep 1.5; tail -n 1234567 -1", Script($"sleep {1.5}; tail -n {1234567} {-1}").Text);
            Assert.Equal("x 007", Script($"x {7:D3}").Text);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void A_formattable_value_whose_text_is_not_safe_is_quoted() =>
        Assert.Equal("echo '1 2'", Script($"echo {new Spaced()}").Text);

    [Fact]
    public void A_nested_script_is_inserted_as_it_is()
    {
        ShellScript inner = $"echo {"a b"}";

        ShellScript outer = $"if true; then {inner}; fi";

        Assert.Equal("if true; then echo 'a b'; fi", outer.Text);
    }

    [Fact]
    public void Raw_text_is_inserted_as_it_is() => Assert.Equal("x $HOME y", Script($"x {ShellScript.Raw("$HOME")} y").Text);

    [Fact]
    public void Raw_refuses_a_nul() => Assert.Throws<ArgumentException>(() => ShellScript.Raw("a\0b"));

    [Fact]
    public void Words_are_quoted_one_by_one_and_separated_by_spaces() =>
        Assert.Equal("rm -f -- a 'b c' '' '$x'", Script($"rm -f -- {ShellWords.Of("a", "b c", string.Empty, "$x")}").Text);

    [Fact]
    public void No_words_add_nothing() => Assert.Equal("rm -f -- ", Script($"rm -f -- {ShellWords.Of([])}").Text);

    [Fact]
    public void A_constant_script_needs_no_marking() => Assert.Equal("systemctl reload nginx", Script($"systemctl reload nginx").Text);

    [Fact]
    public void Escaped_braces_are_literal_script_text() => Assert.Equal("{ echo a; } && echo ${HOME}", Script($"{{ echo a; }} && echo ${{HOME}}").Text);

    [Theory]
    [InlineData("a\0b")]
    [InlineData("\0")]
    public void A_hole_with_a_nul_is_refused(string value)
    {
        var error = Assert.Throws<ArgumentException>(() => Script($"echo {value}"));
        Assert.Contains("NUL", error.Message, StringComparison.Ordinal);
    }

    /// <summary>One fact, not a theory: test discovery would store the values as UTF-8 and lose the unpaired surrogates.</summary>
    [Fact]
    public void A_hole_with_an_unpaired_surrogate_is_refused()
    {
        foreach (var value in new[] { "\ud800", "a\udc00b", "\udc00\ud800", "end\ud83d" })
        {
            var error = Assert.Throws<ArgumentException>(() => Script($"echo {value}"));
            Assert.Contains("surrogate", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_surrogate_pair_is_accepted() => Assert.Equal("echo '🚀 x'", Script($"echo {"🚀 x"}").Text);

    [Fact]
    public void A_built_script_cannot_be_appended_to()
    {
        ShellScript script = $"echo {"a"}";

        Assert.Throws<InvalidOperationException>(() => script.AppendLiteral("; rm -rf /"));
        Assert.Equal("echo a", script.Text);
    }

    [Fact]
    public void Scripts_compare_by_their_text()
    {
        ShellScript first = $"echo {"a b"}";
        ShellScript second = $"echo 'a b'";

        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        Assert.NotEqual(first, Script($"echo {"a"}"));
    }

    [Fact]
    public void Join_and_lines_put_separators_between_scripts()
    {
        ShellScript[] parts = [$"a", $"b {"c d"}", $"e"];

        Assert.Equal("a && b 'c d' && e", ShellScript.Join($" && ", parts).Text);
        Assert.Equal("a\nb 'c d'\ne", ShellScript.Lines(parts).Text);
        Assert.Equal("ab 'c d'", (parts[0] + parts[1]).Text);
    }

    [Fact]
    public void No_string_converts_to_a_script_implicitly() =>
        Assert.DoesNotContain(
            typeof(ShellScript).GetMethods().Where(m => m.Name is "op_Implicit" or "op_Explicit"),
            m => m.GetParameters().Single().ParameterType == typeof(string));

    private static ShellScript Script(ShellScript script) => script;

    private sealed class Spaced : IFormattable
    {
        public string ToString(string? format, IFormatProvider? formatProvider) => "1 2";
    }
}
