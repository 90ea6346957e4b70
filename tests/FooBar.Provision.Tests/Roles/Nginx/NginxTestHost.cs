using System.Text;
using FooBar.Provision.Facts;
using FooBar.Provision.Inventory;
using FooBar.Provision.Resources;
using FooBar.Provision.Roles;
using FooBar.Provision.Roles.Nginx;
using FooBar.Provision.Variables;

namespace FooBar.Provision.Tests.Roles.Nginx;

/// <summary>Builds the nginx role for one host the way the engine does: role defaults under the host's variables.</summary>
internal static class NginxTestHost
{
    public const string Site = "/etc/nginx/sites-available/foobar.conf";

    public static RoleBuilder Build(IReadOnlyDictionary<string, object?>? variables = null, HostFacts? facts = null, string? inventoryDirectory = null)
    {
        var role = new NginxRole();
        var host = new HostEntry("web", "192.0.2.10") { Roles = ["nginx"] };
        var merged = RoleVariables.For(role, host, new Dictionary<string, object?> { ["domain"] = "www.foobar.com", ["domain_aliases"] = new List<object?> { "foobar.com" } }, variables);
        var directory = inventoryDirectory ?? Path.Combine(Path.GetTempPath(), "foobar-role-tests-" + Guid.NewGuid().ToString("N"));
        var builder = new RoleBuilder();
        role.Build(new RoleContext(host, facts ?? HostFacts.Debian12, merged, directory), builder);
        return builder;
    }

    public static FileResource File(this RoleBuilder builder, string path) =>
        builder.Resources.OfType<FileResource>().Single(f => f.Path == path);

    public static string Text(this FileResource file) => Encoding.UTF8.GetString([.. file.Content]);

    public static string SiteText(this RoleBuilder builder) => builder.File(Site).Text();

    public static IReadOnlyList<string> Ids(this RoleBuilder builder) => builder.Resources.Select(r => r.Id).ToArray();
}
