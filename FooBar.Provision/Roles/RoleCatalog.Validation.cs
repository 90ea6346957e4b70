using FooBar.Provision.Inventory;
using FooBar.Provision.Variables;

namespace FooBar.Provision.Roles;

/// <summary>Checking every host's variables against its roles' declarations, before any connection.</summary>
public sealed partial class RoleCatalog
{
    /// <summary>Every problem of every host's variables (all at once), each at the value's file:line:column or <c>--var NAME</c>.</summary>
    /// <param name="hosts">The hosts to check.</param>
    /// <param name="roles">Only these of each host's roles (<c>--roles</c>), or null for all.</param>
    /// <param name="inventory">The whole inventory, for the roles' <see cref="IRole.CheckInventory"/>; null when <paramref name="hosts"/> are the whole inventory.</param>
    /// <remarks>
    /// A value set once for several hosts (inventory or group vars) is reported once, naming the hosts. A host whose
    /// variables all pass their rules is then checked against the rest of the inventory (<see cref="IRole.CheckInventory"/>).
    /// </remarks>
    public IReadOnlyList<InventoryError> Validate(IEnumerable<HostEntry> hosts, IReadOnlyList<string>? roles = null, InventoryView? inventory = null)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        var hostList = hosts.ToArray();
        inventory ??= new InventoryView(hostList);
        var found = new List<(HostEntry Host, InventoryError Error)>();
        foreach (var host in hostList)
        {
            var before = found.Count;
            var variables = Resolve(host, roles, found);
            if (found.Count == before)
            {
                CheckInventory(host, roles, variables, inventory, found);
            }
        }

        return found
            .GroupBy(f => (f.Error.Location, f.Error.Message, f.Error.Hint))
            .Select(g => g.Key.Message.StartsWith('\u0000') ? g.First().Error with { Message = HostsPrefix(g.Select(f => f.Host.Name)) + g.Key.Message[1..] } : g.First().Error)
            .OrderBy(e => e.Location.File, StringComparer.Ordinal).ThenBy(e => e.Location.Line).ThenBy(e => e.Location.Column)
            .ToArray();
    }

    /// <summary>Warnings for variables that no role of the catalog declares (a likely typo), once per name, with a "did you mean".</summary>
    /// <remarks>
    /// Not errors: a template of your own (beside the inventory) may read any variable, and <c>verify_*</c> belong to
    /// <c>provision verify</c>. A host with a role that declares nothing is skipped (its variables are unknown).
    /// </remarks>
    public IReadOnlyList<InventoryError> UndeclaredVariables(IEnumerable<HostEntry> hosts)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        var declared = _roles.Values.SelectMany(r => r.VariableDeclarations).Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
        var warnings = new Dictionary<string, InventoryError>(StringComparer.Ordinal);
        foreach (var host in hosts.Where(h => RolesOf(h).All(r => r.VariableDeclarations.Count > 0)))
        {
            foreach (var name in host.Variables.Keys.Where(n => !declared.Contains(n) && !n.StartsWith("verify_", StringComparison.Ordinal) && !warnings.ContainsKey(n)))
            {
                var closest = Suggestions.Closest(name, declared);
                var hint = closest is null
                    ? "a template of your own may read it; otherwise remove it (the roles' variables are listed in roles/*/README.md)"
                    : $"did you mean '{closest}'? a template of your own may read '{name}'; otherwise fix the name";
                warnings[name] = new InventoryError(Locate(host, name) ?? host.Location ?? new SourceLocation("<inventory>", 0, 0), $"variable '{name}' is declared by no role, so nothing checks it", hint);
            }
        }

        return [.. warnings.Values];
    }

    /// <summary>The variables a host's roles see, checked and typed: the roles' defaults under the host's variables.</summary>
    /// <param name="host">The host.</param>
    /// <param name="roles">Only these of the host's roles (<c>--roles</c>), or null for all.</param>
    /// <exception cref="InventoryException">A value breaks its declaration (every problem is listed).</exception>
    public VariableSet VariablesFor(HostEntry host, IReadOnlyList<string>? roles = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        var found = new List<(HostEntry, InventoryError)>();
        var variables = Resolve(host, roles, found);
        return found.Count == 0 ? variables : throw new InventoryException(Validate([host], roles));
    }

    private VariableSet Resolve(HostEntry host, IReadOnlyList<string>? roleFilter, List<(HostEntry, InventoryError)> found)
    {
        var roles = RolesOf(host, roleFilter);
        var before = found.Count;
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var role in roles.Where(r => r.VariableDeclarations.Count == 0))
        {
            foreach (var (name, value) in role.Defaults)
            {
                values[name] = value;
            }

            foreach (var required in role.RequiredVariables.Where(n => !host.Variables.TryGetValue(n, out var v) || v is null))
            {
                found.Add((host, Missing(host, role, required, null)));
            }
        }

        foreach (var (name, value) in host.Variables)
        {
            values[name] = value;
        }

        var declared = new HashSet<string>(StringComparer.Ordinal);
        foreach (var role in roles)
        {
            foreach (var declaration in role.VariableDeclarations.Where(d => declared.Add(d.Name)))
            {
                var present = host.Variables.TryGetValue(declaration.Name, out var value);
                if (!present && declaration.Required)
                {
                    found.Add((host, Missing(host, role, declaration.Name, declaration)));
                    continue;
                }

                var problems = new List<VariableProblem>();
                values[declaration.Name] = VariableChecks.One(declaration, present ? value : declaration.Default, declaration.Name, problems);
                found.AddRange(problems.Select(p => (host, Error(host, role, declaration, p, present, Masker([host])))));
            }
        }

        var result = new VariableSet(values);
        if (found.Count == before)
        {
            foreach (var role in roles)
            {
                foreach (var problem in role.CheckVariables(result, InventoryDirectory(host)))
                {
                    var declaration = role.VariableDeclarations.FirstOrDefault(d => d.Name == problem.Path.Split('.', '[')[0])
                        ?? new VariableDeclaration(problem.Path, VariableRules.Line, "");
                    found.Add((host, Error(host, role, declaration, problem, host.Variables.ContainsKey(declaration.Name), Masker([host]))));
                }
            }
        }

        return result;
    }

    private void CheckInventory(HostEntry host, IReadOnlyList<string>? roles, VariableSet variables, InventoryView inventory, List<(HostEntry, InventoryError)> found)
    {
        var whole = inventory.Including(host);
        SecretMasker? masker = null;
        foreach (var role in RolesOf(host, roles))
        {
            foreach (var problem in role.CheckInventory(host, variables, whole))
            {
                var name = problem.Path.Split('.', '[')[0];
                var declaration = role.VariableDeclarations.FirstOrDefault(d => d.Name == name) ?? new VariableDeclaration(problem.Path, VariableRules.Line, "");
                // A cross-host check may quote any host's value: mask every secret of the inventory.
                masker ??= Masker(whole.Hosts);
                found.Add((host, Error(host, role, declaration, problem, present: true, masker)));
            }
        }
    }

    // A secret's value never shows in a refusal, whatever a rule or a role's check quotes.
    private static SecretMasker Masker(IEnumerable<HostEntry> hosts) => new(hosts.SelectMany(h => h.Variables.SecretValues()));

    private static InventoryError Error(HostEntry host, IRole role, VariableDeclaration declaration, VariableProblem problem, bool present, SecretMasker masker)
    {
        var location = Locate(host, problem.Path) ?? (present ? host.Location : null) ?? new SourceLocation($"the default of role '{role.Name}'", 0, 0);
        var examplePath = problem.ExamplePath ?? problem.Path;
        var example = location.Line == 0 && location.File.StartsWith("--var ", StringComparison.Ordinal)
            ? $"--var {examplePath}={problem.Example.Trim('"')}"
            : $"{examplePath}: {problem.Example}";
        var message = masker.Mask($"variable '{problem.Path}' {problem.Problem}; expected {problem.Expected}");
        var about = declaration.Description.Length == 0 ? "" : $" ({declaration.Name}: {declaration.Description})";
        return new InventoryError(location, "\u0000" + message, masker.Mask($"for example: {example}{about}"));
    }

    // The directory of the inventory file the host was declared in (relative local paths start there); null when unknown.
    private static string? InventoryDirectory(HostEntry host) =>
        host.Location is { Line: > 0 } location ? Path.GetDirectoryName(Path.GetFullPath(location.File)) : null;

    private static InventoryError Missing(HostEntry host, IRole role, string name, VariableDeclaration? declaration)
    {
        var location = host.Location ?? new SourceLocation("<inventory>", 0, 0);
        var groups = host.Groups.Count == 0 ? "" : $", in the vars: of group {string.Join(" or ", host.Groups.Select(g => $"'{g}'"))}";
        var example = declaration is null ? "" : $"; for example: {name}: {declaration.Example} ({declaration.Description})";
        return new InventoryError(location, $"host '{host.Name}': role '{role.Name}' needs variable '{name}'", $"set '{name}' in the top-level vars:{groups}, in the vars: of host '{host.Name}', or pass --var {name}=VALUE{example}");
    }

    // The location of the item at path, else of the nearest enclosing value (mysql_users[0].name, then mysql_users[0], …).
    private static SourceLocation? Locate(HostEntry host, string path)
    {
        while (true)
        {
            if (host.VariableLocations.TryGetValue(path, out var location))
            {
                return location;
            }

            var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
            if (cut <= 0)
            {
                return null;
            }

            path = path[..cut];
        }
    }

    private static string HostsPrefix(IEnumerable<string> hosts)
    {
        var names = hosts.Distinct(StringComparer.Ordinal).ToArray();
        return names.Length == 1 ? $"host '{names[0]}': " : $"hosts {string.Join(", ", names.Select(n => $"'{n}'"))}: ";
    }
}
