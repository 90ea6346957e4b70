using FooBar.Provision.Cli.Rendering;
using FooBar.Provision.Inventory;
using FooBar.Provision.Reporting;
using FooBar.Provision.Roles;
using FooBar.Provision.Transport;
using FooBar.Provision.Transport.SshNet.Config;

namespace FooBar.Provision.Cli.Commands;

/// <summary>Loads and validates the inventory, --var, --limit and --roles before any host is contacted; prints every problem.</summary>
internal static class InventoryLoading
{
    /// <summary>The loaded inventory, or null after the problems were written to standard error (exit 3).</summary>
    /// <remarks>
    /// <paramref name="verb"/> is the verb that runs: every verb but <c>check</c> connects, so it refuses hosts aimed at a
    /// public DNS resolver. Unless <paramref name="checkVariables"/> is false (facts reads no role variable), every selected
    /// host's variables are checked against its roles' declarations, and its roles' template overrides are parsed (<c>check</c>
    /// renders every template too). With <c>--output json</c> the problems also go to
    /// standard output as one JSON document.
    /// </remarks>
    public static async Task<LoadedInventory?> LoadAsync(CliContext context, RoleCatalog catalog, RunSettings settings, string verb, bool checkVariables = true)
    {
        try
        {
            var overrides = InventoryLoader.ParseOverrides(settings.Vars);
            // Required variables are the declarations' business: the catalog reports them with the other variable problems.
            var roleNames = catalog.Roles.Keys.ToDictionary(name => name, IReadOnlyList<string> (_) => [], StringComparer.Ordinal);
            var model = new InventoryLoader(roleNames, context.Services.Environment).Load(settings.InventoryPath, overrides);
            CheckRoles(catalog, settings.Roles);
            var limited = model.Select(settings.Limit);
            var slice = settings.Slice is { } text ? HostSlice.Parse(text) : null;
            var selected = slice?.Select(limited) ?? limited;
            IReadOnlyList<HostEntry> reached = settings.Transport is { } transport ? [.. selected.Select(host => host with { Transport = transport })] : selected;

            // The SSH.NET transport reads ~/.ssh/config itself (HostName, User, Port, IdentityFile, ProxyJump, ...), before any connection.
            var (configured, configProblems) = SshConfigApplication.Apply(
                reached, SshConfig.FromEnvironment(context.Services.Environment), Environment.UserName, host => host.Transport == TransportKind.SshNet);
            if (configProblems.Count > 0)
            {
                throw new InventoryException(configProblems);
            }

            // transport: openssh: ssh itself says whether the user's ssh configuration is valid for each host (ssh -G connects nowhere).
            var ssh = await context.Services.SshConfigCheck.RunAsync(configured, CancellationToken.None).ConfigureAwait(false);
            if (ssh.Refusals.Count > 0)
            {
                throw new InventoryException(ssh.Refusals);
            }

            // accept-new with the default known_hosts or ~/.ssh/config's: the file must be able to take a key (the
            // inventory's own known_hosts: was checked where it is written).
            var unrecordable = new List<InventoryError>();
            var reachedByName = ByName(reached);
            foreach (var host in configured.Where(host => reachedByName[host.Name].KnownHostsFile is null))
            {
                if (KnownHostsCheck.Reason(host) is var (path, why))
                {
                    unrecordable.Add(new InventoryError(host.Location ?? InventoryLoader.CommandLine, KnownHostsCheck.Refusal(host, path, why), KnownHostsCheck.Hint(host)));
                }
            }

            if (unrecordable.Count > 0)
            {
                throw new InventoryException(unrecordable);
            }

            var loaded = new LoadedInventory(model, configured) { Slice = slice, LimitedCount = limited.Count };
            var problems = checkVariables ? catalog.Validate(loaded.Hosts, settings.Roles, loaded.View) : [];
            if (checkVariables && problems.Count == 0)
            {
                // Overrides that do not parse fail every verb here; check also renders every template (no facts needed).
                problems = catalog.CheckTemplates(loaded.Hosts, model.Directory, settings.Roles, render: verb == "check", inventory: loaded.View);
            }

            var consequence = verb == "check" ? "plan, apply, facts, verify, rollback and run will refuse to connect to it" : $"'{verb}' refuses to connect to it";
            var configuredByName = ByName(configured);
            var aimedAtResolvers = (verb == "check" ? loaded.Model.Hosts.Select(host => configuredByName.GetValueOrDefault(host.Name) ?? host) : loaded.Hosts)
                .SelectMany(host => PublicResolvers.Problems(host, consequence)).Concat(ssh.AimedAtResolvers(consequence)).ToArray();
            foreach (var warning in verb == "check" ? aimedAtResolvers : [])
            {
                await context.Stderr.WriteLineAsync($"{warning.Location}: warning: {warning.Message}").ConfigureAwait(false);
                await context.Stderr.WriteLineAsync($"  hint: {warning.Hint}").ConfigureAwait(false);
            }

            if (problems.Count > 0 || (aimedAtResolvers.Length > 0 && verb != "check"))
            {
                throw new InventoryException(verb == "check" ? problems : [.. problems, .. aimedAtResolvers]);
            }

            if (slice is not null && loaded.Hosts.Count == 0)
            {
                // More jobs than hosts is a normal matrix: the extra jobs have nothing to do and succeed.
                var hosts = limited.Count == 1 ? "the 1 selected host fills slice 1" : $"the {limited.Count} selected hosts fill slices 1 to {limited.Count}";
                await context.Stderr.WriteLineAsync($"provision: slice {slice} holds no host ({hosts}); nothing to do.").ConfigureAwait(false);
            }

            return loaded;
        }
        catch (InventoryException e)
        {
            var errors = Attributed(e.Errors, context.Services.OptionSources);
            await WriteAsync(context.Stderr, errors).ConfigureAwait(false);
            if (settings.Output == OutputFormat.Json)
            {
                await JsonErrors.WriteAsync(context.Stdout, verb, ExitCodes.BadInput, errors).ConfigureAwait(false);
            }

            return null;
        }
    }

    /// <summary>Writes each problem as <c>file:line:column: message</c> and its hint, then a summary line.</summary>
    public static async Task WriteAsync(TextWriter stderr, IReadOnlyList<InventoryError> errors)
    {
        foreach (var error in errors)
        {
            var where = error.Location.Line > 0 ? error.Location.ToString() : error.Location.File;
            await stderr.WriteLineAsync($"{where}: {error.Message}").ConfigureAwait(false);
            await stderr.WriteLineAsync($"  hint: {error.Hint}").ConfigureAwait(false);
        }

        var problems = errors.Count == 1 ? "1 problem" : $"{errors.Count} problems";
        await stderr.WriteLineAsync($"provision: {problems} found; no host was contacted.").ConfigureAwait(false);
    }

    /// <summary>
    /// <paramref name="errors"/> with each problem of an option that came from configuration placed where it was set
    /// (<c>environment variable PROVISION_SLICE: --slice 0/3 asks for slice 0 ...</c>) instead of on the command line.
    /// </summary>
    public static IReadOnlyList<InventoryError> Attributed(IReadOnlyList<InventoryError> errors, IReadOnlyDictionary<string, string> sources) =>
        sources.Count == 0
            ? errors
            : [.. errors.Select(error => error.Location == InventoryLoader.CommandLine && sources.FirstOrDefault(s => Names(error.Message, s.Key)).Value is { } source
                ? error with { Location = new SourceLocation(source, 0, 0) }
                : error)];

    // True when the message speaks of the option (--tags, not the --tags in --skip-tags' own name).
    private static bool Names(string message, string option)
    {
        for (var at = message.IndexOf(option, StringComparison.Ordinal); at >= 0; at = message.IndexOf(option, at + 1, StringComparison.Ordinal))
        {
            var end = at + option.Length;
            if ((at == 0 || message[at - 1] != '-') && (end == message.Length || !(char.IsAsciiLetter(message[end]) || message[end] == '-')))
            {
                return true;
            }
        }

        return false;
    }

    // Each host by its name, the first of a name winning (as a search from the start would find it); built once, so
    // looking every host up costs linear time, not quadratic.
    private static Dictionary<string, HostEntry> ByName(IEnumerable<HostEntry> hosts)
    {
        var byName = new Dictionary<string, HostEntry>(StringComparer.Ordinal);
        foreach (var host in hosts)
        {
            byName.TryAdd(host.Name, host);
        }

        return byName;
    }

    private static void CheckRoles(RoleCatalog catalog, IReadOnlyList<string>? roles)
    {
        if (roles is { Count: 0 })
        {
            throw new InventoryException([new InventoryError(
                InventoryLoader.CommandLine, "--roles names no role", "name one or more roles, comma-separated (--roles nginx,app-files), or leave --roles out for all of each host's roles")]);
        }

        var unknown = (roles ?? []).Where(role => !catalog.Roles.ContainsKey(role)).ToArray();
        if (unknown.Length > 0)
        {
            var known = string.Join(", ", catalog.Roles.Keys.Order(StringComparer.Ordinal));
            throw new InventoryException(unknown.Select(role => new InventoryError(
                InventoryLoader.CommandLine, $"--roles names '{role}', which is not a known role", $"known roles: {known}")).ToArray());
        }
    }
}
