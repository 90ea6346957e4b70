using System.Collections;
using FooBar.Provision.Inventory;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace FooBar.Provision.Templates;

/// <summary>
/// Scriban's context with our rules: unknown variables and members are errors (with a "did you mean"), a printed value
/// must not be null or empty unless piped through <c>optional</c>, an empty string or list is false in a condition, a
/// value and the output bounded (an error, never truncated), no automatic indentation, <c>\n</c> line ends, and bounded loops and recursion.
/// </summary>
internal sealed class StrictTemplateContext : TemplateContext
{
    private const string NamesHint = "use a name the template is given: the role's variables (its README), facts.*, host.name, host.address and what the role adds (docs/templates.md)";
    private readonly ScriptObject _model;

    public StrictTemplateContext(ScriptObject model)
        : base(new LazyBuiltins())
    {
        _model = model;
        StrictVariables = true;
        EnableRelaxedMemberAccess = false;
        EnableRelaxedTargetAccess = false;
        EnableRelaxedIndexerAccess = false;
        EnableRelaxedFunctionAccess = false;
        EnableNullIndexer = false;
        LoopLimit = TemplateRenderer.LoopLimit;
        RecursiveLimit = TemplateRenderer.RecursionLimit;
        // Scriban's own guards, set to throw rather than truncate: a truncated configuration would be written as if whole.
        LimitToString = TemplateRenderer.ValueLimit;
        OnStringLimit = ScriptLimitBehavior.Throw;
        OutputLimit = TemplateRenderer.OutputLimit;
        OnOutputLimit = ScriptLimitBehavior.Throw;
        AutoIndent = false;
        NewLine = "\n";
        TryGetVariable = UnknownVariable;
        TryGetMember = UnknownMember;
        var functions = new ScriptObject { ["optional"] = new OptionalFunction() };
        PushGlobal(functions);
        PushGlobal(model);
    }

    public override object? Evaluate(ScriptNode? scriptNode, bool aliasReturnedFunction)
    {
        var result = base.Evaluate(scriptNode, aliasReturnedFunction);
        if (scriptNode is ScriptExpressionStatement { CanOutput: true, Expression: { } expression } && EnableOutput && result is null or string { Length: 0 })
        {
            throw new TemplateRuleException(expression.Span, $"'{expression}' is {(result is null ? "null" : "empty")}, and a value is required here",
                $"set it, or say the template allows nothing there: {{{{ {expression} | optional }}}}, or {{{{ if {expression} }}}} … {{{{ end }}}} around the line");
        }

        return result;
    }

    public override bool ToBool(SourceSpan span, object? value) => value switch
    {
        string text => text.Length > 0,
        IList list => list.Count > 0,
        _ => base.ToBool(span, value),
    };

    public override string? ObjectToString(object? value, bool nested = false) =>
        value is OptionalText optional ? (optional.Value is null ? "" : base.ObjectToString(optional.Value, nested)) : base.ObjectToString(value, nested);

    private bool UnknownVariable(TemplateContext context, SourceSpan span, ScriptVariable variable, out object? value)
    {
        var closest = Suggestions.Closest(variable.Name, _model.Keys);
        var guess = closest is null ? "" : $" (did you mean '{closest}'?)";
        throw new TemplateRuleException(span, $"unknown variable '{variable.Name}'{guess}", NamesHint);
    }

    private static bool UnknownMember(TemplateContext context, SourceSpan span, object target, string member, out object? value)
    {
        var known = target is ScriptObject map ? $" (it has: {string.Join(", ", map.Keys.Order(StringComparer.Ordinal))})" : "";
        throw new TemplateRuleException(span, $"unknown member '{member}'{known}", NamesHint);
    }
}
