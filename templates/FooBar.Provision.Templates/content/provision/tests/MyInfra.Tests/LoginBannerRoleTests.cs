using System.Text;
using FooBar.Provision.Facts;
using FooBar.Provision.Inventory;
using FooBar.Provision.Resources;
using FooBar.Provision.Roles;
using FooBar.Provision.Variables;
using MyInfra.Roles.LoginBanner;

namespace MyInfra.Tests;

public sealed class LoginBannerRoleTests
{
    private static readonly HostEntry Host = new("web1", "192.0.2.10") { Roles = ["login-banner"] };

    [Fact]
    public void The_banner_is_rendered_from_its_template_with_the_host_s_variables()
    {
        var resources = Build(("banner_text", "Staff only."));

        var banner = Assert.IsType<FileResource>(resources.Resources[0]);
        Assert.Equal("/etc/issue.net", banner.Path);
        Assert.Equal("Staff only.\n(web1, debian 12)\n", Encoding.UTF8.GetString([.. banner.Content]));
    }

    [Fact]
    public void The_sshd_drop_in_names_the_banner_and_notifies_the_reload_that_validates_first()
    {
        var resources = Build(("banner_path", "/etc/ssh/banner"));

        var dropIn = Assert.IsType<FileResource>(resources.Resources[1]);
        Assert.Contains("Banner /etc/ssh/banner\n", Encoding.UTF8.GetString([.. dropIn.Content]), StringComparison.Ordinal);
        Assert.Equal([LoginBannerRole.ReloadSsh], dropIn.Notify);
        var handler = Assert.Single(resources.Handlers);
        Assert.Equal("systemctl reload ssh", handler.Script.ToString());
        Assert.Equal("sshd -t", handler.ValidateScript?.ToString());
    }

    [Fact]
    public void A_relative_banner_path_is_refused_before_any_connection()
    {
        var catalog = BuiltInRoles.Catalog().Add(new LoginBannerRole());
        var host = Host with { Variables = new([new("banner_path", "issue.net")]) };

        var problem = Assert.Single(catalog.Validate([host]));

        Assert.Contains("banner_path", problem.Message, StringComparison.Ordinal);
    }

    // The role's resources and handlers for a Debian 12 host with these variables (over the role's defaults).
    private static RoleBuilder Build(params (string Name, object? Value)[] variables)
    {
        var role = new LoginBannerRole();
        var host = Host with { Variables = new(variables.Select(v => KeyValuePair.Create(v.Name, v.Value))) };
        var checkedVariables = new RoleCatalog([role]).VariablesFor(host);
        var builder = new RoleBuilder();
        role.Build(new RoleContext(host, HostFacts.Debian12 with { Hostname = host.Name }, checkedVariables, Directory.GetCurrentDirectory()), builder);
        return builder;
    }
}
