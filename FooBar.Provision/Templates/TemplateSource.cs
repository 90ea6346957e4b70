using FooBar.Provision.Roles;

namespace FooBar.Provision.Templates;

/// <summary>A template's text and where it came from.</summary>
/// <param name="Role">The role the template belongs to.</param>
/// <param name="Name">The template's file name (<c>site.conf.scriban</c>).</param>
/// <param name="Origin">The override file's path, or <c>built-in:role/name</c>.</param>
/// <param name="Text">The Scriban source.</param>
public sealed record TemplateSource(string Role, string Name, string Origin, string Text)
{
    /// <summary>The file name extension of every template (Scriban's language).</summary>
    public const string Extension = ".scriban";

    /// <summary>True when the text comes from a file beside the inventory rather than from the role.</summary>
    public bool IsOverride => !Origin.StartsWith("built-in:", StringComparison.Ordinal);

    /// <summary>The path <c>templates/&lt;role&gt;/&lt;name&gt;</c> beside the inventory where an override of <paramref name="name"/> goes.</summary>
    public static string OverridePath(string roleName, string name, string inventoryDirectory) =>
        Path.Combine(inventoryDirectory, "templates", roleName, name);

    /// <summary>Finds <paramref name="name"/> for <paramref name="role"/>: <c>templates/&lt;role&gt;/&lt;name&gt;</c> beside the inventory first, then the role's embedded template.</summary>
    /// <exception cref="TemplateException">Only a Handlebars override (<c>.hbs</c>) of the template is there: this version no longer reads it.</exception>
    /// <exception cref="ProvisionException">Neither an override nor a built-in template of that name exists.</exception>
    public static TemplateSource Find(IRole role, string name, string inventoryDirectory)
    {
        ArgumentNullException.ThrowIfNull(role);
        ArgumentNullException.ThrowIfNull(name);
        var overridePath = OverridePath(role.Name, name, inventoryDirectory);
        if (Inventory.LocalFiles.Problem(overridePath) is { } kind)
        {
            // A FIFO would block the plan for good; a directory would be passed over silently.
            throw new TemplateException(new TemplateSource(role.Name, name, overridePath, ""), 1, 1, kind, "put the template's text in a regular file there, or remove it to use the built-in template");
        }

        if (File.Exists(overridePath))
        {
            return new TemplateSource(role.Name, name, overridePath, File.ReadAllText(overridePath));
        }

        var legacy = Path.ChangeExtension(overridePath, ".hbs");
        if (name.EndsWith(Extension, StringComparison.Ordinal) && File.Exists(legacy))
        {
            var source = new TemplateSource(role.Name, Path.GetFileName(legacy), legacy, "");
            throw new TemplateException(source, 1, 1, "is a Handlebars override, which this version no longer reads (templates are Scriban now)", $"port it to Scriban and rename it {name} (docs/templates.md, \"From Handlebars\"), or delete it to use the built-in template");
        }

        var embedded = (role as RoleBase)?.ReadEmbedded($"templates/{name}");
        return embedded is not null
            ? new TemplateSource(role.Name, name, $"built-in:{role.Name}/{name}", embedded)
            : throw new ProvisionException($"role '{role.Name}' has no template '{name}'", $"add {overridePath} or fix the template name");
    }
}
