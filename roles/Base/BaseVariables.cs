using FooBar.Provision.Variables;
using static FooBar.Provision.Variables.VariableRules;

namespace FooBar.Provision.Roles.Base;

/// <summary>Every variable of the base role, in one place: rule, default, description (the README's table comes from here).</summary>
internal static class BaseVariables
{
    public static VariableDeclaration Packages { get; } = new("base_packages", ListOf(DebianPackage, 1000), "packages to install (one apt-get install with the other roles' packages); [] for none")
    {
        Default = new[] { "cron" },
        Example = "[cron, curl]",
    };

    public static VariableDeclaration Service { get; } = new("base_service", Name, "a service kept running and enabled; \"\" for none")
    {
        Default = "cron",
        Optional = true,
    };

    public static VariableDeclaration MotdPath { get; } = new("motd_path", AbsolutePath, "where the message of the day is written") { Default = "/etc/motd" };

    public static VariableDeclaration MotdMessage { get; } = new("motd_message", Text, "the message of the day, after a line naming the host (may be a secret: it is masked in diffs)") { Default = "Managed by FooBar.Provision: local changes are overwritten." };

    public static VariableDeclaration Directory { get; } = new("base_directory", AbsolutePath, "a directory that must exist") { Default = "/srv" };

    public static VariableDeclaration DirectoryMode { get; } = new("base_directory_mode", VariableRules.FileMode, "its mode, in octal (owner root:root)") { Default = "0755" };

    public static IReadOnlyList<VariableDeclaration> All { get; } =
    [
        Packages,
        Service,
        MotdPath,
        MotdMessage,
        Directory,
        DirectoryMode,
        SharedVariables.AptCacheMaxAge,
    ];
}
