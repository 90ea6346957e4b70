using FooBar.Provision.Roles;

namespace FooBar.Provision.Templates;

/// <summary>A template's text and where it came from.</summary>
/// <param name="Origin">The override file's path, or <c>built-in:role/name</c>.</param>
/// <param name="Text">The Handlebars source.</param>
public sealed record TemplateSource(string Origin, string Text)
{
    /// <summary>Finds <paramref name="name"/> for <paramref name="role"/>: <c>templates/&lt;role&gt;/&lt;name&gt;</c> beside the inventory first, then the role's embedded template.</summary>
    public static TemplateSource Find(IRole role, string name, string inventoryDirectory)
    {
        ArgumentNullException.ThrowIfNull(role);
        var overridePath = Path.Combine(inventoryDirectory, "templates", role.Name, name);
        if (File.Exists(overridePath))
        {
            return new TemplateSource(overridePath, File.ReadAllText(overridePath));
        }

        var embedded = (role as RoleBase)?.ReadEmbedded($"templates/{name}");
        return embedded is not null
            ? new TemplateSource($"built-in:{role.Name}/{name}", embedded)
            : throw new ProvisionException($"role '{role.Name}' has no template '{name}'", $"add {overridePath} or fix the template name");
    }
}
