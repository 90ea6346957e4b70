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

    /// <summary>Renders <paramref name="source"/> with <paramref name="model"/>; a missing variable is an error naming the template.</summary>
    public static string Render(TemplateSource source, IReadOnlyDictionary<string, object?> model)
    {
        ArgumentNullException.ThrowIfNull(source);
        try
        {
            var template = Cache.GetOrAdd(source.Text, text => Engine.Compile(text));
            return template(model);
        }
        catch (HandlebarsException e)
        {
            throw new ProvisionException($"template {source.Origin}: {e.Message}", "check the variable names the template uses against the role's README");
        }
    }
}
