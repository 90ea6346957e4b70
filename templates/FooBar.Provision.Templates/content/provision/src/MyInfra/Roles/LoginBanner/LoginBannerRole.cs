using FooBar.Provision.Planning;
using FooBar.Provision.Resources;
using FooBar.Provision.Roles;
using FooBar.Provision.Transport;
using FooBar.Provision.Variables;

namespace MyInfra.Roles.LoginBanner;

/// <summary>An SSH login banner: the banner file from a template, sshd told to show it, and sshd reloaded once when that changed.</summary>
public sealed class LoginBannerRole : RoleBase
{
    /// <summary>The handler the sshd drop-in notifies.</summary>
    public const string ReloadSsh = "reload ssh";

    /// <summary>sshd reads every *.conf here (Debian 12, Ubuntu 22.04 and later).</summary>
    public const string DropIn = "/etc/ssh/sshd_config.d/login-banner.conf";

    /// <inheritdoc />
    public override string Name => "login-banner";

    /// <inheritdoc />
    public override string Folder => "LoginBanner";

    /// <inheritdoc />
    public override IReadOnlyList<VariableDeclaration> VariableDeclarations => LoginBannerVariables.All;

    /// <inheritdoc />
    public override void Build(RoleContext context, RoleBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(builder);
        var path = context.Variables.GetString(LoginBannerVariables.Path.Name);
        builder
            .Add(new FileResource(path, context.Render(this, "banner.scriban")))
            .Add(new FileResource(DropIn, context.Render(this, "sshd-banner.conf.scriban")) { Notify = [ReloadSsh] });

        ShellScript reload = context.Facts.HasSystemd ? $"systemctl reload ssh" : (ShellScript)$"service ssh reload";
        builder.Handler(new Handler(ReloadSsh, reload) { ValidateScript = $"sshd -t" });
    }
}
