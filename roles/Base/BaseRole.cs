using FooBar.Provision.Resources;
using FooBar.Provision.Roles;

namespace FooBar.Provision.Roles.Base;

/// <summary>The smallest real role: a few packages, <c>/etc/motd</c> from a template, a directory and a service.</summary>
/// <remarks>Idempotent: a second apply changes nothing. See <c>roles/Base/README.md</c> for its variables.</remarks>
public sealed class BaseRole : RoleBase
{
    /// <inheritdoc />
    public override string Name => "base";

    /// <inheritdoc />
    public override string Folder => "Base";

    /// <inheritdoc />
    public override IReadOnlyList<Variables.VariableDeclaration> VariableDeclarations => BaseVariables.All;

    /// <inheritdoc />
    public override void Build(RoleContext context, RoleBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(builder);
        var variables = context.Variables;
        var packages = variables.GetStringList(BaseVariables.Packages.Name);
        if (packages.Count > 0)
        {
            builder.Add(new AptPackages(packages, TimeSpan.FromSeconds(variables.GetInt(SharedVariables.AptCacheMaxAge.Name))));
        }

        builder
            .Add(new FileResource(variables.GetString(BaseVariables.MotdPath.Name), context.Render(this, "motd.scriban")))
            .Add(new DirectoryResource(variables.GetString(BaseVariables.Directory.Name), variables.GetString(BaseVariables.DirectoryMode.Name)));
        var service = variables.GetStringOrNull(BaseVariables.Service.Name);
        if (!string.IsNullOrEmpty(service))
        {
            builder.Add(new ServiceResource(service));
        }
    }
}
