using System.Globalization;
using FooBar.Provision.Facts;
using FooBar.Provision.Inventory;
using FooBar.Provision.Templates;

namespace FooBar.Provision.Tests.Templates;

/// <summary>Strict rendering: unknown names, empty values, syntax errors and runaway loops fail with role, file and line:column.</summary>
public sealed class TemplateRendererTests
{
    private static readonly Dictionary<string, object?> Model = TemplateModel.From(
        new Variables.VariableSet([new("nginx_port", 8080L), new("motd_message", "hello"), new("empty", ""), new("nothing", null), new("names", new List<object?> { "a", "b" })]),
        HostFacts.Debian12, new HostEntry("web1", "192.0.2.10"), null).ToDictionary();

    private static TemplateSource Source(string text, string origin = "/inv/templates/nginx/site.conf.scriban") => new("nginx", "site.conf.scriban", origin, text);

    private static TemplateException Fails(string text) => Assert.Throws<TemplateException>(() => TemplateRenderer.Render(Source(text), Model));

    [Fact]
    public void Variables_members_and_loops_render_as_written()
    {
        var text = TemplateRenderer.Render(Source("{{ host.name }} {{ facts.OsId }} {{ nginx_port }}\n{{~ for n in names ~}}\n- {{ n }}\n{{~ end ~}}\n"), Model);

        Assert.Equal("web1 debian 8080\n- a\n- b\n", text);
    }

    [Fact]
    public void An_unknown_variable_names_the_role_the_file_and_the_line_and_column_and_guesses_the_name()
    {
        var e = Fails("listen 80;\n  listen {{ nginx_prot }};\n");

        Assert.Equal("/inv/templates/nginx/site.conf.scriban:2:13: role 'nginx', template 'site.conf.scriban': unknown variable 'nginx_prot' (did you mean 'nginx_port'?)", e.Message);
        Assert.Equal((2, 13), (e.Line, e.Column));
        Assert.Contains("the role's variables", e.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_variable_in_a_condition_is_an_error_too()
    {
        var e = Fails("{{ if tls_on }}x{{ end }}");

        Assert.Equal("/inv/templates/nginx/site.conf.scriban:1:7: role 'nginx', template 'site.conf.scriban': unknown variable 'tls_on'", e.Message);
    }

    [Fact]
    public void An_unknown_member_lists_the_members_there_are()
    {
        var host = Fails("{{ host.nme }}");
        var facts = Fails("\n{{ facts.os_id }}");

        Assert.Equal("/inv/templates/nginx/site.conf.scriban:1:9: role 'nginx', template 'site.conf.scriban': unknown member 'nme' (it has: address, name)", host.Message);
        Assert.Equal("/inv/templates/nginx/site.conf.scriban:2:10: role 'nginx', template 'site.conf.scriban': unknown member 'os_id' (it has: Architecture, HasSystemd, Hostname, InitSystem, OsId, OsVersion, PackageManager)", facts.Message);
    }

    [Fact]
    public void A_member_of_a_missing_value_is_an_error_not_nothing()
    {
        var e = Fails("{{ nothing.name }}");

        Assert.StartsWith("/inv/templates/nginx/site.conf.scriban:1:", e.Message, StringComparison.Ordinal);
        Assert.Contains("nothing", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_index_past_the_end_of_a_list_is_an_error()
    {
        var e = Fails("{{ names[2] }}");

        Assert.Contains("out of bounds", e.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a {{ empty }} b", "'empty' is empty, and a value is required here")]
    [InlineData("a {{ nothing }} b", "'nothing' is null, and a value is required here")]
    public void Printing_an_empty_or_missing_value_is_an_error(string text, string problem)
    {
        var e = Fails(text);

        Assert.Equal($"/inv/templates/nginx/site.conf.scriban:1:6: role 'nginx', template 'site.conf.scriban': {problem}", e.Message);
        Assert.Contains("| optional", e.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void A_template_says_explicitly_where_empty_is_fine()
    {
        var text = TemplateRenderer.Render(Source("[{{ empty | optional }}][{{ nothing | optional }}][{{ motd_message | optional }}]{{ if empty }}never{{ end }}{{ if names }}+{{ end }}"), Model);

        Assert.Equal("[][][hello]+", text);
    }

    [Fact]
    public void A_syntax_error_in_an_override_names_its_file_line_and_column()
    {
        var e = Fails("server {\n{{ if tls }}\n  listen 443;\n}\n");

        Assert.StartsWith("/inv/templates/nginx/site.conf.scriban:2:", e.Message, StringComparison.Ordinal);
        Assert.Contains("role 'nginx', template 'site.conf.scriban': syntax error: ", e.Message, StringComparison.Ordinal);
        Assert.Contains("<end>", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_syntax_error_counts_the_ones_after_it()
    {
        var e = Fails("{{ x + }}\n{{ y + }}\n");

        Assert.Equal("/inv/templates/nginx/site.conf.scriban:1:8: role 'nginx', template 'site.conf.scriban': syntax error: Error while parsing binary expression: Expecting an <expression> to the right of the operator instead of `}}` in: <expression> operator <expression> (and 1 more)", e.Message);
    }

    [Theory]
    [InlineData("{{ while true }}x{{ end }}", 1, 4)]
    [InlineData("{{ for i in 0..1000000 }}{{ end }}", 1, 14)]
    public void A_runaway_loop_stops_at_the_loop_limit(string text, int line, int column)
    {
        var e = Fails(text);

        Assert.Equal($"/inv/templates/nginx/site.conf.scriban:{line}:{column}: role 'nginx', template 'site.conf.scriban': a loop went past 100,000 iterations, the limit", e.Message);
    }

    // Every way a template can make text grow without end: a value doubled, a long value printed again and again, a string
    // function's result, one appended to itself. Each stops at the limit with an error, never truncated.
    [Theory]
    [InlineData("{{ x = \"a\"; for i in 1..40; x = x + x; end; x }}", "a value went past 4,194,304 characters")]
    [InlineData("{{ \"a\" | string.pad_left 20000000 }}", "a value went past 4,194,304 characters")]
    [InlineData("{{ x = \"ab\"; for i in 1..30; x = x | string.append x; end; x }}", "a value went past 4,194,304 characters")]
    [InlineData("{{ x = \"0123456789abcdef\"; for i in 1..15; x = x + x; end; for i in 1..200; x; end }}", "the output went past 67,108,864 characters")]
    public void Text_that_grows_without_end_stops_at_the_limit(string text, string problem)
    {
        var e = Fails(text);

        Assert.Matches(@"^/inv/templates/nginx/site\.conf\.scriban:1:\d+: role 'nginx', template 'site\.conf\.scriban': " + problem + ", the limit$", e.Message);
    }

    // Under the loop and text limits, a loop that copies a long text at every step is quadratic: 100,000 steps of 320
    // characters took 4 minutes before the render had a time limit.
    [Fact]
    public void A_render_that_runs_too_long_stops_at_the_time_limit()
    {
        TemplateRenderer.TimeLimitForTests.Value = TimeSpan.FromSeconds(0.5);
        TemplateException e;
        try
        {
            e = Fails("{{ x = \"\"; for i in 1..100000; x = x + \"" + new string('a', 40) + "\"; end; x }}");
        }
        finally
        {
            TemplateRenderer.TimeLimitForTests.Value = null;
        }

        Assert.Matches(@"^/inv/templates/nginx/site\.conf\.scriban:1:\d+: role 'nginx', template 'site\.conf\.scriban': the render went past 0\.5 s, the limit$", e.Message);
    }

    [Fact]
    public void A_loop_as_long_as_a_real_configuration_stays_under_the_limit()
    {
        var lines = Enumerable.Range(0, 10_000).Select(i => (object?)$"line {i}").ToList();
        var model = new Dictionary<string, object?>(Model) { ["names"] = lines };

        var text = TemplateRenderer.Render(Source("{{~ for n in names ~}}\n{{ n }}\n{{~ end ~}}\n"), model);

        Assert.Equal(10_000, text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void Endless_recursion_stops_at_the_recursion_limit()
    {
        var e = Fails("{{ func f; ret f; end; f }}");

        Assert.Equal("/inv/templates/nginx/site.conf.scriban:1:16: role 'nginx', template 'site.conf.scriban': functions called each other more than 100 levels deep, the limit", e.Message);
    }

    [Fact]
    public void Output_is_not_cut_not_indented_and_not_culture_dependent()
    {
        var big = new string('x', 3 * 1024 * 1024);
        var model = new Dictionary<string, object?>(Model) { ["big"] = big, ["multi"] = "one\ntwo", ["ratio"] = 1.5, ["count"] = 1234567L };
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            var text = TemplateRenderer.Render(Source("  {{ multi }} {{ ratio }} {{ count }}\n{{ big }}"), model);

            Assert.Equal("  one\ntwo 1.5 1234567\n" + big, text);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public void A_template_is_parsed_once_per_text_and_origin()
    {
        var first = TemplateRenderer.Parse(Source("{{ nginx_port }}"));
        var again = TemplateRenderer.Parse(Source("{{ nginx_port }}"));
        var elsewhere = TemplateRenderer.Parse(Source("{{ nginx_port }}", "/other/templates/nginx/site.conf.scriban"));

        Assert.Same(first, again);
        Assert.NotSame(first, elsewhere);
    }

    [Fact]
    public void Values_that_look_like_template_syntax_are_printed_as_they_are()
    {
        var model = new Dictionary<string, object?>(Model) { ["text"] = "{{ x }} {% y %} \\ \"q\" ü" };

        Assert.Equal("{{ x }} {% y %} \\ \"q\" ü", TemplateRenderer.Render(Source("{{ text }}"), model));
    }

    [Fact]
    public void An_object_in_the_model_is_an_error_naming_the_value_and_its_type_not_a_reflected_view()
    {
        var model = new Dictionary<string, object?>(Model) { ["site"] = new Dictionary<string, object?> { ["backends"] = new object[] { "a", new Uri("http://b/") } } };

        var e = Assert.Throws<TemplateException>(() => TemplateRenderer.Render(Source("{{ site.backends[0] }}"), model));

        Assert.Equal("/inv/templates/nginx/site.conf.scriban:1:1: role 'nginx', template 'site.conf.scriban': the value 'site.backends[1]' of its model is a Uri, which a template cannot read", e.Message);
        Assert.Contains("dictionary", e.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void The_facts_show_their_properties_by_their_csharp_names_and_optional_takes_one_value()
    {
        var text = TemplateRenderer.Render(Source("{{ facts.OsId }} {{ facts.OsVersion }} {{ facts.InitSystem }} {{ facts.PackageManager }} {{ facts.Architecture }} {{ facts.Hostname }} {{ facts.HasSystemd }}"), Model);
        var e = Fails("{{ optional 1 2 }}");

        Assert.Equal("debian 12 systemd apt x86_64 debian true", text);
        Assert.StartsWith("/inv/templates/nginx/site.conf.scriban:1:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Scribans_built_in_functions_work_in_a_template()
    {
        var model = new Dictionary<string, object?>(Model) { ["domain"] = "www.foobar.com", ["domain_aliases"] = new List<object?> { "foobar.com", "www2.foobar.com" } };

        var text = TemplateRenderer.Render(Source("{{ domain | string.upcase }} {{ domain_aliases | array.join \" \" }} {{ -3 | math.abs }} {{ names | array.size }} {{ if nothing == null }}none{{ end }}"), model);

        Assert.Equal("WWW.FOOBAR.COM foobar.com www2.foobar.com 3 2 none", text);
    }

    [Fact]
    public void The_built_in_functions_are_built_only_for_a_render_that_names_one()
    {
        var source = Source(string.Empty);
        var plain = new StrictTemplateContext(ScriptModel.From(Model, source));
        var withFunction = new StrictTemplateContext(ScriptModel.From(Model, source));

        var text = Scriban.Template.Parse("{{ nginx_port }} {{ names[1] }} {{ host.name }}{{ nothing | optional }}").Render(plain);
        var upper = Scriban.Template.Parse("{{ motd_message | string.upcase }}").Render(withFunction);

        Assert.Equal(("8080 b web1", "HELLO"), (text, upper));
        Assert.False(Assert.IsType<LazyBuiltins>(plain.BuiltinObject).IsLoaded);
        Assert.True(Assert.IsType<LazyBuiltins>(withFunction.BuiltinObject).IsLoaded);
    }

    [Fact]
    public void What_a_render_adds_to_a_built_in_object_is_gone_in_the_next_render()
    {
        Assert.Equal("x", TemplateRenderer.Render(Source("{{ string.mine = \"x\" }}{{ string.mine }}"), Model));

        var e = Fails("{{ string.mine }}");

        Assert.Contains("unknown member 'mine'", e.Message, StringComparison.Ordinal);
    }
}
