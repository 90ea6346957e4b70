using FooBar.Provision.Facts;
using FooBar.Provision.Inventory;
using FooBar.Provision.Resources;
using FooBar.Provision.Roles;
using FooBar.Provision.Templates;
using FooBar.Provision.Transport;
using FooBar.Provision.Variables;

namespace FooBar.Provision.Planning;

/// <summary>Asks each role of a host for its resources and handlers, and merges all packages into one install.</summary>
internal static class HostPlanBuilder
{
    public static HostPlan Build(RoleCatalog catalog, HostEntry host, HostFacts facts, RunOptions options, IConnectionFactory? peers = null)
    {
        var roles = catalog.RolesOf(host, options.Roles);
        var context = new RoleContext(host, facts, catalog.VariablesFor(host, options.Roles), options.InventoryDirectory)
        {
            Inventory = options.Inventory?.Including(host) ?? InventoryView.Of(host),
            Peers = peers,
        };
        var items = new List<(string, Resource)>();
        var handlers = new Dictionary<string, Handler>(StringComparer.Ordinal);
        foreach (var role in roles)
        {
            var builder = new RoleBuilder();
            role.Build(context, builder);
            items.AddRange(builder.Resources.Select(r => (role.Name, r)));
            foreach (var handler in builder.Handlers)
            {
                handlers.TryAdd(handler.Name, handler);
            }
        }

        CheckNotifications(items, handlers);
        var (running, note) = TagFilter.Apply(items, options.Tags, options.SkipTags);
        return new HostPlan(MergePackages(running, TimeSpan.FromSeconds(host.AptLockTimeoutSeconds)), handlers) { Notes = note is null ? [] : [note] };
    }

    /// <summary>
    /// Does the facts-independent part of building ahead: loads the roles' defaults and compiles their templates. Run
    /// while the host's facts are on their way, it takes the template engine's start-up cost off the critical path.
    /// </summary>
    public static void WarmUp(RoleCatalog catalog, HostEntry host, RunOptions options)
    {
        foreach (var role in catalog.RolesOf(host, options.Roles))
        {
            _ = role.Defaults;
            foreach (var name in (role as RoleBase)?.TemplateNames() ?? [])
            {
                TemplateRenderer.Compile(TemplateSource.Find(role, name, options.InventoryDirectory));
            }
        }
    }

    // One apt-get install per host: every package resource collapses into the first one's place, waiting the host's apt_lock_timeout.
    private static List<(string Role, Resource Resource)> MergePackages(List<(string Role, Resource Resource)> items, TimeSpan lockTimeout)
    {
        var packages = items.Select(i => i.Resource).OfType<AptPackages>().ToArray();
        if (packages.Length == 0)
        {
            return items;
        }

        var first = items.FindIndex(i => i.Resource is AptPackages);
        var roles = string.Join(',', items.Where(i => i.Resource is AptPackages).Select(i => i.Role).Distinct());
        var merged = items.Where(i => i.Resource is not AptPackages).ToList();
        merged.Insert(first, (roles, AptPackages.Merge(packages, lockTimeout)));
        return merged;
    }

    private static void CheckNotifications(List<(string Role, Resource Resource)> items, Dictionary<string, Handler> handlers)
    {
        foreach (var (role, resource) in items)
        {
            var unknown = resource.Notify.FirstOrDefault(n => !handlers.ContainsKey(n));
            if (unknown is not null)
            {
                throw new ProvisionException($"role '{role}': {resource.Id} notifies handler '{unknown}', which no role of the host defines", "define the handler in the role or fix the name");
            }
        }
    }
}
