using System.CommandLine;

namespace FooBar.Provision.Cli.Commands;

/// <summary>The arguments and options the verbs share, each created anew for the verb that adds it.</summary>
internal static class CliOptions
{
    public static Argument<string> Inventory() => new("INVENTORY")
    {
        Description = "The inventory file (YAML): hosts, groups, roles and variables, for example inventory/foobar.yaml.",
    };

    public static Option<string?> Limit() => new("--limit", "-l")
    {
        Description = "Only these hosts, as ansible's --limit: comma-separated host or group names, globs (web*), !PATTERN to exclude, &PATTERN to intersect, @FILE (see docs/cli/limit.md). A pattern that matches nothing is an error.",
        HelpName = "PATTERNS",
    };

    public static Option<string?> Slice() => new("--slice")
    {
        Description = "Only slice K of N (K from 1): the selected hosts (after --limit), sorted by name, dealt round-robin into N slices, so N jobs of a CI matrix or a Kubernetes Indexed Job each take theirs (see docs/scaling.md).",
        HelpName = "K/N",
    };

    public static Option<string[]> Vars() => new("--var", "-e")
    {
        Description = "Set a variable, winning over every inventory value: NAME=VALUE (repeatable; the value stays a plain string).",
        HelpName = "NAME=VALUE",
        Arity = ArgumentArity.OneOrMore,
        DefaultValueFactory = _ => [],
    };

    public static Option<string?> Roles() => new("--roles", "-r")
    {
        Description = "Only these roles (comma-separated), each host keeping its own order; default: all of each host's roles.",
        HelpName = "ROLES",
    };

    public static Option<string?> Tags() => TagList("--tags", "-t", "Only resources with one of these tags (comma-separated) or tagged always; a resource's tags are its own, its role's name and its kind (file, packages, service, ...). See docs/cli/tags.md.");

    public static Option<string?> SkipTags() => TagList("--skip-tags", null, "No resource with one of these tags (comma-separated): its own, its role's name or its kind. Wins over --tags. See docs/cli/tags.md.");

    /// <summary>
    /// A numeric option's value for a validator, or null when its text is not a number: System.CommandLine reports that
    /// itself (exit 3), while asking for the value would throw out of the parser (a stack trace, exit 134).
    /// </summary>
    internal static T? Converted<T>(System.CommandLine.Parsing.OptionResult result)
        where T : struct
    {
        try
        {
            return result.GetValueOrDefault<T?>();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    public static Option<int> Forks()
    {
        var option = new Option<int>("--forks", "-f")
        {
            Description = "How many hosts to work on at once.",
            HelpName = "N",
            DefaultValueFactory = _ => 10,
        };
        option.Validators.Add(result =>
        {
            if (Converted<int>(result) < 1)
            {
                result.AddError("--forks must be at least 1.");
            }
        });
        return option;
    }

    public static Option<int> LockWait()
    {
        var option = new Option<int>("--lock-wait")
        {
            Description = "Seconds an apply waits for another apply to release a host before failing that host.",
            HelpName = "SECONDS",
            DefaultValueFactory = _ => 120,
        };
        option.Validators.Add(result =>
        {
            if (Converted<int>(result) is < 0 or > 86400)
            {
                result.AddError("--lock-wait must be between 0 and 86400 seconds.");
            }
        });
        return option;
    }

    public static Option<string?> StateDirectory()
    {
        var option = new Option<string?>("--state-dir")
        {
            Description = "The directory on each host for its journal and apply lock (default /var/lib/foobar-provision as root, else ~/.local/state/foobar-provision).",
            HelpName = "PATH",
        };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } path && (!path.StartsWith('/') || path.Contains('\n', StringComparison.Ordinal)))
            {
                result.AddError($"--state-dir must be an absolute path on the host, not '{path}'.");
            }
        });
        return option;
    }

    public static Option<string> Output()
    {
        var option = new Option<string>("--output", "-o")
        {
            Description = "text: a listing and a recap (live progress on a terminal); json: one JSON document for machines (see docs/json-output.md).",
            HelpName = "text|json",
            DefaultValueFactory = _ => "text",
        };
        option.AcceptOnlyFromAmong("text", "json");
        return option;
    }

    /// <summary>The most -v a command line may give: -vvv.</summary>
    public const int MaxVerbosity = 3;

    public static Option<bool> Verbose()
    {
        var option = new Option<bool>("--verbose", "-v")
        {
            Description = "More detail on standard error, secrets masked (see docs/cli/verbosity.md): -v each host's facts, each resource's time and the engine's notes; -vv also every step and every command sent, one line each with its exit code and time; -vvv also the whole script of every command.",
        };
        option.Validators.Add(result =>
        {
            if (result.IdentifierTokenCount > MaxVerbosity)
            {
                result.AddError($"-v is given {result.IdentifierTokenCount} times; the most is 3 (-vvv: every remote script).");
            }
        });
        return option;
    }

    public static Option<bool> NoColor() => new("--no-color")
    {
        Description = "Plain text: no colours and no live progress (also when NO_COLOR is set or output is not a terminal).",
    };

    public static Option<string?> Transport()
    {
        var option = new Option<string?>("--transport")
        {
            Description = "Reach every host with this SSH client, whatever the inventory's transport: says: sshnet (SSH.NET in process) or openssh (the system ssh).",
            HelpName = "sshnet|openssh",
        };
        option.AcceptOnlyFromAmong("sshnet", "openssh");
        return option;
    }

    /// <summary>The tags of a --tags or --skip-tags value, or null when it is absent.</summary>
    public static IReadOnlyList<string>? SplitTags(string? value) =>
        value?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static Option<string?> TagList(string name, string? alias, string description)
    {
        var option = alias is null ? new Option<string?>(name) : new Option<string?>(name, alias);
        option.Description = description;
        option.HelpName = "TAGS";
        option.Validators.Add(result =>
        {
            var tags = SplitTags(result.GetValueOrDefault<string?>()) ?? [];
            if (tags.Count == 0)
            {
                result.AddError($"{name} needs at least one tag, for example {name} nginx,config.");
            }

            foreach (var tag in tags.Where(t => t.Length > 64 || !t.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
            {
                result.AddError($"{name} has the tag '{FooBar.Provision.Inventory.Printable.Clip(tag, 40)}': a tag is letters, digits, '-', '_' and '.', at most 64 characters.");
            }
        });
        return option;
    }

    public static Option<int?> Timeout()
    {
        var option = new Option<int?>("--timeout")
        {
            Description = "Seconds the command may run on each host before that host fails (default: the host's command_timeout).",
            HelpName = "SECONDS",
        };
        option.Validators.Add(result =>
        {
            if (Converted<int>(result) is < 1 or > 86400)
            {
                result.AddError("--timeout must be between 1 and 86400 seconds.");
            }
        });
        return option;
    }

    public static Option<bool> DryRun() => new("--dry-run", "-n")
    {
        Description = "Plan only: gather facts and probe, show what would change, write nothing (same as 'provision plan').",
    };
}
