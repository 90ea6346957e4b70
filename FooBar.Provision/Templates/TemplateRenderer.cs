using System.Collections.Concurrent;
using HandlebarsDotNet;

namespace FooBar.Provision.Templates;

/// <summary>Renders Handlebars templates with HTML escaping off (they produce configuration files, not HTML).</summary>
public static class TemplateRenderer
{
    private static readonly IHandlebars Engine = Handlebars.Create(new HandlebarsConfiguration
    {
        NoEscape = true,
        ThrowOnUnresolvedBindingExpression = true,
    });

    private static readonly ConcurrentDictionary<string, HandlebarsTemplate<object, object>> Cache = new(StringComparer.Ordinal);

    /// <summary>Compiles <paramref name="source"/> once (later renders of the same text reuse it).</summary>
    /// <remarks>The engine compiles a host's templates while it waits for the host's facts, so the wait hides the cost.</remarks>
    public static HandlebarsTemplate<object, object> Compile(TemplateSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        try
        {
            return Cache.GetOrAdd(source.Text, text => Engine.Compile(text));
        }
        catch (HandlebarsException e)
        {
            throw new ProvisionException($"template {source.Origin}: {e.Message}", "fix the template's Handlebars syntax");
        }
    }

    /// <summary>Renders <paramref name="source"/> with <paramref name="model"/>; a missing variable is an error naming the template.</summary>
    public static string Render(TemplateSource source, IReadOnlyDictionary<string, object?> model)
    {
        ArgumentNullException.ThrowIfNull(source);
        try
        {
            return Compile(source)(model);
        }
        catch (HandlebarsException e)
        {
            throw new ProvisionException($"template {source.Origin}: {e.Message}", "check the variable names the template uses against the role's README");
        }
    }
}
