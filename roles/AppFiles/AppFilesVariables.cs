using System.Text.RegularExpressions;
using FooBar.Provision.Variables;
using static FooBar.Provision.Variables.VariableRules;

namespace FooBar.Provision.Roles.AppFiles;

/// <summary>Every variable of the app-files role, in one place: rule, default, description (the README's table comes from here).</summary>
internal static partial class AppFilesVariables
{
    public static VariableDeclaration Source { get; } = new("app_source", VariableRules.Path, "local folder with the code; unset: the sample app, ../app/python (gunicorn) or ../app/php (php-fpm), from the inventory's directory")
    {
        Default = "",
        Example = "../app/python",
    };

    public static VariableDeclaration Exclude { get; } = new("app_exclude", ListOf(Matching(ExcludePattern(), "a file name or pattern: letters, digits and . _ - * ? (no /)", "\"*.pyc\""), 1000), "names left out of releases (files, or directories with all they hold)")
    {
        Default = new[] { "__pycache__", "*.pyc", "test_*.py", ".git" },
    };

    public static VariableDeclaration ReleasesKeep { get; } = new("releases_keep", WholeNumber(1, 10_000), "releases kept on the host (the current and the new one always are)") { Default = 5L };

    public static IReadOnlyList<VariableDeclaration> All { get; } =
    [
        SharedVariables.AppName,
        SharedVariables.AppUser,
        SharedVariables.AppServerKind,
        SharedVariables.DbName,
        SharedVariables.DbUser,
        SharedVariables.DbPassword,
        SharedVariables.DbHost,
        SharedVariables.DbPort,
        Source,
        Exclude,
        ReleasesKeep,
    ];

    [GeneratedRegex(@"^[A-Za-z0-9._*?+@=,~-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex ExcludePattern();
}
