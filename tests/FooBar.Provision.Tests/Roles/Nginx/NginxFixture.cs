using FooBar.Provision.Roles;
using FooBar.Provision.Roles.Nginx;
using FooBar.Provision.Testing;

namespace FooBar.Provision.Tests.Roles.Nginx;

/// <summary>The nginx role on the test kit: the site's variables, and a fake host on which the package does what Debian's does.</summary>
internal static class NginxFixture
{
    public const string Site = "/etc/nginx/sites-available/foobar.conf";

    public static IReadOnlyDictionary<string, object?> Base { get; } = new Dictionary<string, object?>
    {
        ["domain"] = "www.foobar.com",
        ["domain_aliases"] = new List<object?> { "foobar.com" },
    };

    /// <summary>A harness for the role over <see cref="Base"/> and <paramref name="variables"/>; installing nginx starts and enables it and links the default site.</summary>
    public static RoleHarness Harness(IReadOnlyDictionary<string, object?>? variables = null)
    {
        var host = new FakeHost("web").WhenInstalled("nginx", h => h.WithService("nginx").WithSymlink("/etc/nginx/sites-enabled/default", "/etc/nginx/sites-available/default"));
        return new RoleHarness(host, new NginxRole()).WithVariables(Base).WithVariables(variables ?? new Dictionary<string, object?>());
    }

    public static RoleBuilder Build(IReadOnlyDictionary<string, object?>? variables = null, string? inventoryDirectory = null) =>
        (inventoryDirectory is null ? Harness(variables) : Harness(variables).WithInventoryDirectory(inventoryDirectory)).Build();
}
