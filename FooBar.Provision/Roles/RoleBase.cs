using System.Reflection;
using FooBar.Provision.Inventory;
using FooBar.Provision.Variables;

namespace FooBar.Provision.Roles;

/// <summary>A role whose defaults and templates are embedded resources of its assembly, under its folder name.</summary>
/// <remarks>
/// The role's folder (for example <c>Nginx</c>) holds <c>templates/</c>; the project embeds them with logical names
/// <c>Nginx/templates/…</c>. Variables are declared in <see cref="VariableDeclarations"/> (a role that declares none
/// may embed a <c>defaults.yaml</c> instead, unchecked).
/// </remarks>
public abstract class RoleBase : IRole
{
    private readonly Lazy<IReadOnlyDictionary<string, object?>> _defaults;

    /// <summary>Creates the role.</summary>
    protected RoleBase() => _defaults = new(() => LoadDefaults());

    /// <inheritdoc />
    public abstract string Name { get; }

    /// <summary>The folder of the role in its assembly's embedded resources (<c>Nginx</c>).</summary>
    public abstract string Folder { get; }

    /// <inheritdoc />
    /// <remarks>The declarations' defaults; a role that declares nothing reads an embedded <c>defaults.yaml</c> instead.</remarks>
    public IReadOnlyDictionary<string, object?> Defaults => _defaults.Value;

    /// <inheritdoc />
    /// <remarks>The declarations marked required, by default.</remarks>
    public virtual IReadOnlyList<string> RequiredVariables => VariableDeclarations.Where(d => d.Required).Select(d => d.Name).ToArray();

    /// <inheritdoc />
    public virtual IReadOnlyList<VariableDeclaration> VariableDeclarations => [];

    /// <inheritdoc />
    public virtual IEnumerable<VariableProblem> CheckVariables(VariableSet variables, string? inventoryDirectory) => [];

    /// <inheritdoc />
    public virtual IEnumerable<VariableProblem> CheckInventory(HostEntry host, VariableSet variables, InventoryView inventory) => [];

    /// <summary>A problem when <paramref name="variable"/> names a local file (or folder) that does not exist, else null.</summary>
    /// <param name="variables">The checked variables.</param>
    /// <param name="variable">The declaration of a variable that holds a path on the control machine.</param>
    /// <param name="inventoryDirectory">Where relative paths start; null skips the check.</param>
    /// <param name="folder">True when the path must be a folder, false for a file.</param>
    protected static VariableProblem? MissingLocalPath(VariableSet variables, VariableDeclaration variable, string? inventoryDirectory, bool folder)
    {
        ArgumentNullException.ThrowIfNull(variables);
        ArgumentNullException.ThrowIfNull(variable);
        if (inventoryDirectory is null || variables.GetStringOrNull(variable.Name) is not { Length: > 0 } path || variables.IsSecret(variable.Name))
        {
            return null;
        }

        var full = RoleContext.ResolveLocalPath(path, inventoryDirectory);
        var kind = Inventory.FileKinds.Of(full);
        var what = folder ? "the folder" : "the file";
        var problem = (kind, folder) switch
        {
            (Inventory.FileKind.Missing, _) => "which does not exist on this machine",
            (Inventory.FileKind.Directory, true) => null,
            (Inventory.FileKind.Regular, false) => Inventory.LocalFiles.Unreadable(full) is { } why ? $"which cannot be read ({why})" : null,
            // A FIFO would block the plan in a read nothing ends; a directory or device is never the file meant.
            _ => $"which is {Inventory.FileKinds.Describe(kind)}, not {(folder ? "a folder" : "a regular file")}",
        };
        return problem is null ? null : new VariableProblem(variable.Name, $"names {what} {full}, {problem}", variable.Rule.Expected + (folder ? ", an existing folder" : ", an existing regular file you can read"), variable.Example);
    }

    /// <inheritdoc />
    public abstract void Build(RoleContext context, RoleBuilder builder);

    /// <summary>The names of the role's built-in templates (its embedded <c>templates/</c> files).</summary>
    public IReadOnlyList<string> TemplateNames()
    {
        var prefix = $"{Folder}/templates/";
        return GetType().Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .Select(n => n[prefix.Length..])
            .ToArray();
    }

    /// <summary>Reads an embedded resource of the role's folder, or null when there is none.</summary>
    public string? ReadEmbedded(string relativePath)
    {
        var assembly = GetType().Assembly;
        using var stream = assembly.GetManifestResourceStream($"{Folder}/{relativePath}");
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private IReadOnlyDictionary<string, object?> LoadDefaults()
    {
        if (VariableDeclarations.Count > 0)
        {
            return VariableDeclarations.Where(d => d.Default is not null).ToDictionary(d => d.Name, d => d.Default, StringComparer.Ordinal);
        }

        var yaml = ReadEmbedded("defaults.yaml");
        return yaml is null ? new Dictionary<string, object?>() : YamlValues.ParseMapping(yaml, $"{Name}/defaults.yaml");
    }
}
