using FooBar.Provision.Variables;
using static FooBar.Provision.Variables.VariableRules;

namespace MyInfra.Roles.LoginBanner;

/// <summary>Every variable of the login-banner role: rule, default and description (checked by `check` before any connection).</summary>
internal static class LoginBannerVariables
{
    public static VariableDeclaration Text { get; } = new("banner_text", VariableRules.Text, "the banner shown before SSH login (may span lines)")
    {
        Default = "Authorized access only. This host is managed by MyInfra.",
    };

    public static VariableDeclaration Path { get; } = new("banner_path", AbsolutePath, "where the banner file is written") { Default = "/etc/issue.net" };

    public static IReadOnlyList<VariableDeclaration> All { get; } = [Text, Path];
}
