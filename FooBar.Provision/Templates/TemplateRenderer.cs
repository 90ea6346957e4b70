using System.Collections.Concurrent;
using Scriban;
using Scriban.Parsing;
using Scriban.Syntax;

namespace FooBar.Provision.Templates;

/// <summary>Renders Scriban templates strictly: an unknown variable or member, or an empty value printed, is an error.</summary>
/// <remarks>
/// Nothing is escaped (templates produce configuration files, not HTML). A template is parsed once per text and origin;
/// later renders reuse it. See docs/templates.md for the language subset, the limits and the error messages.
/// </remarks>
public static class TemplateRenderer
{
    /// <summary>
    /// Iterations one render may make in all its loops together. The built-in templates loop only over
    /// <c>nginx_extra_config</c>'s lines, and a template of your own at most over the lists of the inventory (server names,
    /// databases, accounts: each capped at 1,000 items by its declaration); 100,000 is a hundred times that, and a runaway
    /// loop reaches it in a few milliseconds, so it fails fast instead of hanging the plan.
    /// </summary>
    public const int LoopLimit = 100_000;

    /// <summary>
    /// The most characters (UTF-16) one value of a render may hold: 4 MiB (4,194,304). Values are names, addresses, lines
    /// and lists of the inventory; a template that doubles a string in a loop reaches the limit in 22 iterations and stops
    /// there with an error, instead of taking the machine's memory (4 GB and 8 s before this limit).
    /// </summary>
    public const int ValueLimit = 4 * 1024 * 1024;

    /// <summary>
    /// The most characters (UTF-16) the whole output of a render may hold: 64 MiB (67,108,864). Configuration files are
    /// kilobytes; the tests stream a 24 MiB file rendered from a template, so the limit leaves room for large static files.
    /// </summary>
    public const int OutputLimit = 64 * 1024 * 1024;

    /// <summary>How long one render may take: 10 s. The built-in templates take well under a millisecond; a loop that
    /// copies a long text at every step stays under the loop and text limits and could still take minutes.</summary>
    public static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(10);

    /// <summary>A shorter <see cref="TimeLimit"/> for the renders of one test (its async flow only).</summary>
    internal static readonly AsyncLocal<TimeSpan?> TimeLimitForTests = new();

    /// <summary>How deep a template's own functions may call each other (Scriban's default; the built-in templates call none).</summary>
    public const int RecursionLimit = 100;

    private static readonly ConcurrentDictionary<(string Origin, string Text), Template> Cache = new();

    /// <summary>Sees every render (the template, its model and the output): lets tests compare engines and collect golden files.</summary>
    internal static readonly AsyncLocal<Action<TemplateSource, IReadOnlyDictionary<string, object?>, string>?> Observer = new();

    // A render of a small template that takes every path the built-in templates take (variables, members, if, for), so
    // the first Compile of a process also compiles (JIT) the engine's evaluation code.
    private static readonly Lazy<string> Exercise = new(() => Render(
        new TemplateSource("-", "-", "built-in:-/-", "{{ a }}{{ b.c }}\n{{~ if d ~}}\n{{ a }}\n{{~ else ~}}\n{{~ end ~}}\n{{~ for e in f ~}}\n{{ e }}\n{{~ end ~}}\n{{ g | optional }}"),
        new Dictionary<string, object?> { ["a"] = "x", ["b"] = new Dictionary<string, object?> { ["c"] = 1L }, ["d"] = true, ["f"] = new[] { "y" }, ["g"] = "" }));

    /// <summary>Parses <paramref name="source"/> once (later renders of the same text reuse it).</summary>
    /// <remarks>
    /// The engine compiles a host's templates while it waits for the host's facts, so the wait hides the cost; the first
    /// call in a process also renders a small template once, which compiles the engine's evaluation code meanwhile.
    /// </remarks>
    /// <exception cref="TemplateException">The text is not valid Scriban: names the first error's line and column.</exception>
    public static void Compile(TemplateSource source)
    {
        Parse(source);
        _ = Exercise.Value;
    }

    /// <summary>Renders <paramref name="source"/> with <paramref name="model"/> (each key a top-level variable).</summary>
    /// <exception cref="TemplateException">A parse error, an unknown variable or member, an empty value printed, a limit reached, or a model value of a type a template cannot read (an object: hand a dictionary).</exception>
    public static string Render(TemplateSource source, IReadOnlyDictionary<string, object?> model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var template = Parse(source);
        var limit = TimeLimitForTests.Value ?? TimeLimit;
        using var deadline = new CancellationTokenSource(limit);
        var context = new StrictTemplateContext(ScriptModel.From(model, source)) { CancellationToken = deadline.Token };
        string text;
        try
        {
            text = template.Render(context);
        }
        catch (ScriptAbortException e) when (deadline.IsCancellationRequested)
        {
            throw new TemplateException(source, e.Span.Start.Line + 1, e.Span.Start.Column + 1, $"the render went past {limit.TotalSeconds:0.#} s, the limit",
                "a loop makes the text grow at every step (x = x + ...): build it from a variable's items instead", e)
            { TimedOut = true };
        }
        catch (ScriptRuntimeException e)
        {
            throw RuntimeError(source, e);
        }

        Observer.Value?.Invoke(source, model, text);
        return text;
    }

    internal static Template Parse(TemplateSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return Cache.GetOrAdd((source.Origin, source.Text), key =>
        {
            var template = Template.Parse(key.Text, key.Origin);
            return template.HasErrors ? throw ParseError(source, template) : template;
        });
    }

    private static TemplateException ParseError(TemplateSource source, Template template)
    {
        var errors = template.Messages.Where(m => m.Type == ParserMessageType.Error).ToArray();
        var first = errors[0];
        var more = errors.Length > 1 ? $" (and {errors.Length - 1} more)" : "";
        return new TemplateException(source, first.Span.Start.Line + 1, first.Span.Start.Column + 1, $"syntax error: {first.Message}{more}",
            "fix the template's Scriban syntax (docs/templates.md): blocks are {{ if x }} … {{ else }} … {{ end }} and {{ for item in list }} … {{ end }}");
    }

    private static TemplateException RuntimeError(TemplateSource source, ScriptRuntimeException e)
    {
        var (problem, hint) = e switch
        {
            TemplateRuleException rule => (rule.OriginalMessage, rule.Hint),
            _ when e.OriginalMessage.Contains("iteration limit", StringComparison.Ordinal) || e.OriginalMessage.Contains("exceeds LoopLimit", StringComparison.Ordinal) =>
                ($"a loop went past {LoopLimit:N0} iterations, the limit", "loop over a variable's items ({{ for line in extra_lines }}), not over an unbounded range or a condition that stays true"),
            _ when e.OriginalMessage.Contains("OutputLimit", StringComparison.Ordinal) =>
                ($"the output went past {OutputLimit:N0} characters, the limit", "a loop prints without end, or the file is far larger than a configuration: print each of a variable's items once"),
            _ when e.OriginalMessage.Contains("LimitToString", StringComparison.Ordinal) =>
                ($"a value went past {ValueLimit:N0} characters, the limit", "a loop makes a value grow without end (x = x + x): build it from a variable's items"),
            _ when e.OriginalMessage.Contains("recursive depth limit", StringComparison.Ordinal) =>
                ($"functions called each other more than {RecursionLimit} levels deep, the limit", "a function of the template calls itself without end: give it a way out"),
            _ => (e.OriginalMessage, "fix the expression at that place (docs/templates.md)"),
        };
        return new TemplateException(source, e.Span.Start.Line + 1, e.Span.Start.Column + 1, problem, hint, e);
    }
}
