using System.CommandLine;
using System.CommandLine.Help;
using Microsoft.Extensions.Configuration;

namespace FooBar.Provision.Cli;

/// <summary>
/// The options a run takes from configuration (<c>provision.json</c>, <c>PROVISION_*</c> variables) where the command line
/// does not give them: every option of every verb, by its long name (<c>--lock-wait</c> is <c>lock-wait</c>,
/// <c>lockWait</c> or <c>LOCK_WAIT</c>), at the top level or in the verb's own section (which wins).
/// </summary>
/// <remarks>
/// A setting becomes <c>--option=value</c> on the command line, so the option's own parser and rules check it; an
/// option written on the command line is never overridden. Empty values are ignored; an array gives the option once per
/// item (<c>--var</c>). Keys that name no option of the verb are left alone (they may be a program's own settings).
/// </remarks>
internal static class ConfiguredOptions
{
    /// <summary>The command line with the configured options added after the verb, and what was added (with its source).</summary>
    public static (string[] Args, IReadOnlyList<ConfiguredOption> Added) Apply(RootCommand root, string[] args, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(configuration);
        var parsed = root.Parse(args, CliApp.Parsing);
        if (parsed.Errors.Count > 0 || parsed.CommandResult.Command is RootCommand)
        {
            return (args, []);
        }

        var verb = parsed.CommandResult.Command;
        var added = new List<ConfiguredOption>();
        foreach (var option in OptionsOf(parsed))
        {
            if (option is HelpOption or VersionOption || parsed.GetResult(option) is { Implicit: false })
            {
                continue;
            }

            if (Find(configuration, verb.Name, option) is { } setting)
            {
                added.Add(setting);
            }
        }

        if (added.Count == 0)
        {
            return (args, []);
        }

        var tokens = added.SelectMany(a => a.Values.Select(v => $"{a.Option}={v}")).ToArray();
        var at = Array.IndexOf(args, verb.Name) is var index and >= 0 ? index + 1 : Array.IndexOf(args, "--") is var dashes and >= 0 ? dashes : args.Length;
        return ([.. args[..at], .. tokens, .. args[at..]], added);
    }

    // The verb's own options and those its ancestors pass down (recursive).
    private static IEnumerable<Option> OptionsOf(ParseResult parsed)
    {
        var command = parsed.CommandResult.Command;
        var own = command.Options.ToList();
        for (var parent = parsed.CommandResult.Parent; parent is System.CommandLine.Parsing.CommandResult result; parent = result.Parent)
        {
            own.AddRange(result.Command.Options.Where(o => o.Recursive));
        }

        return own;
    }

    private static ConfiguredOption? Find(IConfiguration configuration, string verb, Option option)
    {
        var names = option.Aliases.Append(option.Name).Where(n => n.StartsWith("--", StringComparison.Ordinal)).Select(Normalize).ToHashSet(StringComparer.Ordinal);
        foreach (var section in new[] { configuration.GetSection(verb), configuration })
        {
            foreach (var child in section.GetChildren().Where(c => names.Contains(Normalize(c.Key))))
            {
                var values = child.Value is { } value
                    ? [value]
                    : child.GetChildren().Select(c => c.Value).OfType<string>().ToArray();
                values = values.Where(v => v.Length > 0).ToArray();
                if (values.Length > 0)
                {
                    return new ConfiguredOption(option.Name, values, SourceOf(configuration, child));
                }
            }
        }

        return null;
    }

    private static string Normalize(string name) =>
        new string(name.TrimStart('-').Where(c => c is not ('-' or '_')).ToArray()).ToLowerInvariant();

    // Which provider gave the value (the last one that has it wins, as configuration reads it).
    private static string SourceOf(IConfiguration configuration, IConfigurationSection setting)
    {
        var path = setting.Value is null ? setting.GetChildren().FirstOrDefault()?.Path ?? setting.Path : setting.Path;
        var providers = configuration is IConfigurationRoot root ? root.Providers.Reverse() : [];
        foreach (var provider in providers)
        {
            if (provider.TryGet(path, out _))
            {
                return ProvisionSettings.Describe(provider, setting.Path);
            }
        }

        return $"configuration '{setting.Path}'";
    }
}
