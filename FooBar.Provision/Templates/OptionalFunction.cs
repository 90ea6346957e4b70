using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace FooBar.Provision.Templates;

/// <summary>The template function <c>optional</c> (<c>{{ x | optional }}</c>): wraps its one argument in <see cref="OptionalText"/>.</summary>
/// <remarks>Written out rather than imported from a delegate, which Scriban binds by reflection (the tool is compiled ahead of time).</remarks>
internal sealed class OptionalFunction : IScriptCustomFunction
{
    public int RequiredParameterCount => 1;

    public int ParameterCount => 1;

    public ScriptVarParamKind VarParamKind => ScriptVarParamKind.None;

    public Type ReturnType => typeof(OptionalText);

    public ScriptParameterInfo GetParameterInfo(int index) => new(typeof(object), "value");

    public object? Invoke(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        return arguments.Count == 1
            ? new OptionalText(arguments[0])
            : throw new ScriptRuntimeException(callerContext?.Span ?? default, $"optional takes one value (it was given {arguments.Count}): {{{{ x | optional }}}}");
    }

    public ValueTask<object?> InvokeAsync(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement) =>
        new(Invoke(context, callerContext, arguments, blockStatement));
}
