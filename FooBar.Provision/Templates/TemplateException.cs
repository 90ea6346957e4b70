using FooBar.Provision.Inventory;

namespace FooBar.Provision.Templates;

/// <summary>A template that does not parse or does not render: names the role, the template file and the line:column.</summary>
/// <remarks>The message reads <c>FILE:LINE:COLUMN: role 'R', template 'T': PROBLEM</c>; FILE is the override's path or <c>built-in:role/name</c>.</remarks>
public sealed class TemplateException : ProvisionException
{
    /// <summary>Creates the exception for a problem at <paramref name="line"/>:<paramref name="column"/> (both from 1) of <paramref name="source"/>.</summary>
    public TemplateException(TemplateSource source, int line, int column, string problem, string hint, Exception? inner = null)
        : base($"{source?.Origin}:{line}:{column}: role '{source?.Role}', template '{source?.Name}': {problem}", hint, inner)
    {
        ArgumentNullException.ThrowIfNull(source);
        Template = source;
        Line = line;
        Column = column;
        Problem = problem;
    }

    /// <summary>The template (its role, name and origin).</summary>
    public TemplateSource Template { get; }

    /// <summary>The line of the problem, from 1.</summary>
    public int Line { get; }

    /// <summary>The column of the problem, from 1.</summary>
    public int Column { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; }

    /// <summary>The render went past <see cref="TemplateRenderer.TimeLimit"/>: rendering the template again costs that long again.</summary>
    internal bool TimedOut { get; init; }

    /// <summary>The problem as an input error at the template's file:line:column (what <c>provision check</c> prints).</summary>
    public InventoryError ToInventoryError() =>
        new(new SourceLocation(Template.Origin, Line, Column), $"role '{Template.Role}', template '{Template.Name}': {Problem}", Hint ?? "");
}
