using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Json;

namespace FooBar.Provision.Cli;

/// <summary>
/// Where a run's settings come from besides the command line: <c>provision.json</c> in the current directory, then
/// <c>PROVISION_*</c> environment variables (which win); options on the command line win over both.
/// </summary>
internal static class ProvisionSettings
{
    /// <summary>The settings file, in the current directory.</summary>
    public const string FileName = "provision.json";

    /// <summary>The prefix of the environment variables (<c>PROVISION_FORKS</c>, <c>PROVISION_APPLY__LOCK_WAIT</c>).</summary>
    public const string Prefix = "PROVISION_";

    /// <summary>True when <paramref name="directory"/> has a <c>provision.json</c> or a <c>PROVISION_*</c> variable is set: only then does the built-in tool read configuration.</summary>
    public static bool ArePresent(string directory) =>
        File.Exists(Path.Combine(directory, FileName))
        || System.Environment.GetEnvironmentVariables().Keys.OfType<string>().Any(k => k.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase));

    /// <summary>Adds <c>provision.json</c> (optional) from <paramref name="directory"/> and the <c>PROVISION_*</c> variables.</summary>
    /// <exception cref="ProvisionException">The file is not valid JSON (what and where, and what to do).</exception>
    public static IConfigurationBuilder AddProvisionSettings(this IConfigurationBuilder builder, string directory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var path = Path.Combine(Path.GetFullPath(directory), FileName);
        // A FIFO would block the read for good (neither Ctrl+C nor SIGTERM ended it) and a device can be endless.
        if (Inventory.LocalFiles.Problem(path) is { } problem)
        {
            throw new ProvisionException($"{path} {problem}", "make it a regular file of settings (see docs/hosting.md) or remove it");
        }

        try
        {
            return builder
                .AddJsonFile(path, optional: true, reloadOnChange: false)
                .AddEnvironmentVariables(Prefix);
        }
        catch (Exception e) when (e is InvalidDataException or FormatException)
        {
            throw NotJson(directory, e); // a ConfigurationManager reads the file as soon as it is added
        }
    }

    /// <summary>Reads the settings of <paramref name="directory"/> and the environment.</summary>
    /// <exception cref="ProvisionException">The file is not valid JSON.</exception>
    public static IConfigurationRoot Load(string directory)
    {
        var builder = new ConfigurationBuilder().AddProvisionSettings(directory);
        try
        {
            return builder.Build();
        }
        catch (Exception e) when (e is InvalidDataException or FormatException)
        {
            throw NotJson(directory, e);
        }
    }

    /// <summary>Names where <paramref name="path"/> was set, for messages.</summary>
    public static string Describe(IConfigurationProvider provider, string path) => provider switch
    {
        JsonConfigurationProvider json => $"{json.Source.Path ?? FileName}: {path}",
        EnvironmentVariablesConfigurationProvider => "environment variable " + Prefix + path.Replace(":", "__", StringComparison.Ordinal).ToUpperInvariant(),
        _ => $"{provider}: {path}",
    };

    private static ProvisionException NotJson(string directory, Exception e) => new(
        $"{Path.Combine(directory, FileName)} is not valid JSON: {e.InnerException?.Message ?? e.Message}",
        "fix the file (an object of settings such as { \"forks\": 4, \"apply\": { \"lock-wait\": 30 } }; see docs/hosting.md) or remove it");
}
