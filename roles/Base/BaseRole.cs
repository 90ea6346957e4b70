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
    public override void Build(RoleContext context, RoleBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(builder);
        var variables = context.Variables;
        var packages = variables.GetStringList("base_packages");
        if (packages.Count > 0)
        {
            builder.Add(new AptPackages(packages, TimeSpan.FromSeconds(variables.GetInt("apt_cache_max_age"))));
        }

        builder
            .Add(new FileResource(variables.GetString("motd_path"), context.Render(this, "motd.hbs")))
            .Add(new DirectoryResource(variables.GetString("base_directory"), variables.GetString("base_directory_mode")));
        var service = variables.GetStringOrNull("base_service");
        if (!string.IsNullOrEmpty(service))
        {
            builder.Add(new ServiceResource(service));
        }
    }
}
