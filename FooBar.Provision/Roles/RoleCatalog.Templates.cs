using FooBar.Provision.Facts;
using FooBar.Provision.Inventory;
using FooBar.Provision.Templates;

namespace FooBar.Provision.Roles;

/// <summary>Checking the templates the hosts' roles render, before any connection.</summary>
public sealed partial class RoleCatalog
{
    /// <summary>
    /// Every problem of the templates the hosts' roles use, each at the template's file:line:column: an override (beside the
    /// inventory, in <c>templates/&lt;role&gt;/</c>) that does not parse, that is still Handlebars (<c>.hbs</c>), or that
    /// overrides no template of the role. With <paramref name="render"/>, each host's roles are also built with the
    /// host's checked variables and the facts of a Debian host (with systemd and without), so an unknown variable or member
    /// or an empty value is found without a connection. Without it, the roles that have an override are still rendered
    /// that way: an override is the user's own template, so a mistake in it is bad input found before any host is
    /// contacted, by every verb (the built-in templates are the project's, rendered by its tests); a run without overrides
    /// renders nothing here.
    /// </summary>
    /// <param name="hosts">The hosts to check (their variables must have passed <see cref="Validate"/>).</param>
    /// <param name="inventoryDirectory">The inventory's directory, where overrides live.</param>
    /// <param name="roles">Only these of each host's roles (<c>--roles</c>), or null for all.</param>
    /// <param name="render">Also render every role's templates, not only those of roles with an override (what <c>provision check</c> does); a role that fails for another reason is left to the plan.</param>
    /// <param name="inventory">The whole inventory the roles see while rendering (<see cref="RoleContext.Inventory"/>); null when <paramref name="hosts"/> are the whole inventory.</param>
    public IReadOnlyList<InventoryError> CheckTemplates(IEnumerable<HostEntry> hosts, string inventoryDirectory, IReadOnlyList<string>? roles = null, bool render = false, InventoryView? inventory = null)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        ArgumentNullException.ThrowIfNull(inventoryDirectory);
        var hostList = hosts.ToArray();
        var used = hostList.SelectMany(h => RolesOf(h, roles)).Distinct().ToArray();
        var errors = UnknownRoleFolders(inventoryDirectory).Concat(used.OfType<RoleBase>().SelectMany(role => OverrideProblems(role, inventoryDirectory))).ToList();
        if (errors.Count > 0)
        {
            return errors;
        }

        // Only now: finding an override throws for the problems reported above (a Handlebars file left from before).
        var rendered = render ? used.ToHashSet() : used.Where(role => HasOverride(role, inventoryDirectory)).ToHashSet();
        if (rendered.Count == 0)
        {
            return errors;
        }

        var found = new List<(HostEntry Host, InventoryError Error)>();
        inventory ??= new InventoryView(hostList);
        foreach (var host in hostList)
        {
            var variables = VariablesFor(host, roles);
            var whole = inventory.Including(host);
            foreach (var initSystem in new[] { "systemd", "sysvinit" })
            {
                var facts = HostFacts.Debian12 with { InitSystem = initSystem, Hostname = host.Name };
                var context = new RoleContext(host, facts, variables, inventoryDirectory) { Inventory = whole };
                foreach (var role in RolesOf(host, roles).Where(rendered.Contains))
                {
                    try
                    {
                        role.Build(context, new RoleBuilder());
                    }
                    catch (TemplateException e)
                    {
                        found.Add((host, e.ToInventoryError()));
                        if (e.TimedOut)
                        {
                            // Each further host would wait the whole time limit again: one host names the problem.
                            rendered.Remove(role);
                        }
                    }
                    catch (ProvisionException)
                    {
                        // Not a template's problem: the plan reports it as it always did.
                    }
                }
            }
        }

        return found
            .GroupBy(f => f.Error)
            .Select(g => g.Key with { Message = HostsPrefix(g.Select(f => f.Host.Name)) + g.Key.Message })
            .OrderBy(e => e.Location.File, StringComparer.Ordinal).ThenBy(e => e.Location.Line).ThenBy(e => e.Location.Column)
            .ToArray();
    }

    private static bool HasOverride(IRole role, string inventoryDirectory) =>
        role is RoleBase known && known.TemplateNames().Any(name => TemplateSource.Find(role, name, inventoryDirectory).IsOverride);

    private static IEnumerable<InventoryError> OverrideProblems(RoleBase role, string inventoryDirectory)
    {
        var names = role.TemplateNames();
        foreach (var name in names)
        {
            TemplateException? problem = null;
            try
            {
                var source = TemplateSource.Find(role, name, inventoryDirectory);
                if (source.IsOverride)
                {
                    TemplateRenderer.Compile(source);
                }
            }
            catch (TemplateException e)
            {
                problem = e;
            }

            if (problem is not null)
            {
                yield return problem.ToInventoryError();
            }
        }

        var folder = Path.Combine(inventoryDirectory, "templates", role.Name);
        var others = Directory.Exists(folder) ? Directory.EnumerateFiles(folder).Where(f => !names.Contains(Path.GetFileName(f))).ToArray() : [];
        var known = string.Join(", ", names.Order(StringComparer.Ordinal));
        foreach (var stray in others.Where(f => f.EndsWith(TemplateSource.Extension, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            yield return new InventoryError(new SourceLocation(stray, 0, 0), $"role '{role.Name}': this override replaces no template of the role, so nothing reads it",
                $"name it after one of the role's templates: {known}");
        }

        // A template's name misspelt in its extension (motd.scribn, motd.scriban.txt) left the built-in template in place
        // without a word. Other files (a README, an editor's motd.scriban~ or .swp) are left alone.
        foreach (var nearMiss in others.Where(f => !f.EndsWith(TemplateSource.Extension, StringComparison.Ordinal) && !f.EndsWith(".hbs", StringComparison.Ordinal) && LikelyTypo(Path.GetFileName(f), names) is not null).Order(StringComparer.Ordinal))
        {
            var meant = LikelyTypo(Path.GetFileName(nearMiss), names);
            yield return new InventoryError(new SourceLocation(nearMiss, 0, 0), $"role '{role.Name}': this file is named almost like the template '{meant}', but only '{meant}' overrides it, so nothing reads this one",
                $"did you mean '{meant}'? rename it (the role's templates: {known})");
        }
    }

    private static string? LikelyTypo(string fileName, IReadOnlyCollection<string> names) =>
        fileName.StartsWith('.') || fileName.StartsWith('#') || fileName.EndsWith('~')
            ? null
            : Suggestions.Closest(fileName, names) ?? names.FirstOrDefault(n => fileName.StartsWith(n + ".", StringComparison.Ordinal) && !fileName.EndsWith(".bak", StringComparison.Ordinal) && !fileName.EndsWith(".orig", StringComparison.Ordinal));

    // templates/<folder>/ holding overrides for a role the catalog does not know (templates/bsae/motd.scriban): a typo
    // that left every built-in template in place without a word.
    private IEnumerable<InventoryError> UnknownRoleFolders(string inventoryDirectory)
    {
        var root = Path.Combine(inventoryDirectory, "templates");
        if (!Directory.Exists(root))
        {
            yield break;
        }

        foreach (var folder in Directory.EnumerateDirectories(root).Where(d => !_roles.ContainsKey(Path.GetFileName(d))).Order(StringComparer.Ordinal))
        {
            var first = Directory.EnumerateFiles(folder).Where(f => f.EndsWith(TemplateSource.Extension, StringComparison.Ordinal) || f.EndsWith(".hbs", StringComparison.Ordinal)).Order(StringComparer.Ordinal).FirstOrDefault();
            if (first is null)
            {
                continue;
            }

            var name = Path.GetFileName(folder);
            var closest = Suggestions.Closest(name, _roles.Keys);
            yield return new InventoryError(new SourceLocation(first, 0, 0), $"templates/{name}/ is named after no role, so nothing reads the overrides in it",
                (closest is null ? "" : $"did you mean '{closest}'? ") + $"name the folder after the role it overrides: {string.Join(", ", _roles.Keys.Order(StringComparer.Ordinal))}");
        }
    }
}
