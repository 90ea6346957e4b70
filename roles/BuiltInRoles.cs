using FooBar.Provision.Roles.Base;

namespace FooBar.Provision.Roles;

/// <summary>The roles that ship with FooBar.Provision.</summary>
public static class BuiltInRoles
{
    /// <summary>A new instance of every built-in role.</summary>
    public static IReadOnlyList<IRole> All() =>
    [
        new BaseRole(),
        new AppServer.AppServerRole(),
        new Nginx.NginxRole(),
        new Mysql.MysqlRole(),
        new AppFiles.AppFilesRole(),
        new Haproxy.HaproxyRole(),
        new Keepalived.KeepalivedRole(),
        new Firewall.FirewallRole(),
    ];

    /// <summary>A catalog of the built-in roles; add your own with <see cref="RoleCatalog.Add"/>.</summary>
    public static RoleCatalog Catalog() => new(All());
}
