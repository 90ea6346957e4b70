using Scriban.Parsing;
using Scriban.Syntax;

namespace FooBar.Provision.Templates;

/// <summary>A rule of ours broken while rendering (unknown name, empty value): Scriban carries it out with its span.</summary>
internal sealed class TemplateRuleException(SourceSpan span, string message, string hint) : ScriptRuntimeException(span, message)
{
    /// <summary>What to do about it.</summary>
    public string Hint { get; } = hint;
}
