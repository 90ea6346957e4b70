using FooBar.Provision.Facts;
using FooBar.Provision.Resources;
using FooBar.Provision.Roles;
using FooBar.Provision.Roles.AppServer;
using FooBar.Provision.Testing;

namespace FooBar.Provision.Tests.Roles.AppServer;

/// <summary>The app-server role on the test kit.</summary>
internal static class AppServerFixture
{
    public static HostFacts WithoutSystemd { get; } = HostFacts.Debian12 with { InitSystem = "sysvinit" };

    public static RoleBuilder Build(IReadOnlyDictionary<string, object?>? variables = null, HostFacts? facts = null, IReadOnlyList<string>? roles = null) =>
        new RoleHarness(new FakeHost("web"), new AppServerRole())
            .WithVariables(variables ?? new Dictionary<string, object?>())
            .WithFacts(facts ?? HostFacts.Debian12)
            .WithHostRoles([.. roles ?? ["app-server"]])
            .Build();

    /// <summary>The file at <paramref name="path"/>, also when a pool resource carries it.</summary>
    public static FileResource PoolOrFile(this RoleBuilder builder, string path) =>
        builder.Resources.Select(r => r is PoolFileResource pool ? pool.File : r).OfType<FileResource>().Single(f => f.Path == path);
}
