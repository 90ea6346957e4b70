using FooBar.Provision.Facts;
using FooBar.Provision.Resources;
using FooBar.Provision.Roles.Nginx;
using FooBar.Provision.Testing;

namespace FooBar.Provision.Tests.Roles.Nginx;

/// <summary>The nginx role over HTTP: resources, the main configuration, the site, the handler.</summary>
public sealed class NginxRoleTests
{
    [Fact]
    public void Build_declares_package_configs_link_default_site_removal_and_service_in_order()
    {
        var builder = NginxFixture.Build();

        Assert.Equal(
        [
            "packages[nginx]", "file[/etc/nginx/nginx.conf]", $"file[{NginxFixture.Site}]",
            "symlink[/etc/nginx/sites-enabled/foobar.conf]", "absent[/etc/nginx/sites-enabled/default]", "service[nginx]",
        ], builder.Ids());
        var link = builder.Resources.OfType<SymlinkResource>().Single();
        Assert.Equal(NginxFixture.Site, link.Target);
    }

    [Fact]
    public void Every_configuration_change_notifies_reload_nginx_which_runs_nginx_t_first()
    {
        var builder = NginxFixture.Build();

        Assert.All(builder.Resources.Where(r => r is FileResource or SymlinkResource or AbsentResource), r => Assert.Equal([NginxRole.ReloadHandler], r.Notify));
        var handler = Assert.Single(builder.Handlers);
        Assert.Equal("reload nginx", handler.Name);
        Assert.Equal("nginx -t", handler.ValidateScript?.Text);
        Assert.Equal("systemctl reload nginx", handler.Script.Text);
    }

    [Fact]
    public void Default_site_is_removed_even_before_the_package_creates_it()
    {
        var absent = NginxFixture.Build().Resources.OfType<AbsentResource>().Single();

        Assert.Equal("/etc/nginx/sites-enabled/default", absent.Path);
        Assert.Equal("nginx", absent.InstalledBy);
    }

    [Fact]
    public void Main_configuration_has_the_expected_directives()
    {
        var text = NginxFixture.Build(new Dictionary<string, object?> { ["nginx_worker_connections"] = "2048", ["nginx_client_max_body_size"] = "25m" })
            .File("/etc/nginx/nginx.conf").Text();

        Assert.Contains("worker_processes auto;\n", text, StringComparison.Ordinal);
        Assert.Contains("worker_connections 2048;\n", text, StringComparison.Ordinal);
        Assert.Contains("server_tokens off;\n", text, StringComparison.Ordinal);
        Assert.Contains("client_max_body_size 25m;\n", text, StringComparison.Ordinal);
        Assert.Contains("gzip on;\n", text, StringComparison.Ordinal);
        Assert.Contains("gzip_types text/plain text/css", text, StringComparison.Ordinal);
        Assert.Contains("include /etc/nginx/conf.d/*.conf;\n", text, StringComparison.Ordinal);
        Assert.Contains("include /etc/nginx/sites-enabled/*;\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Site_serves_the_domain_and_aliases_static_files_from_disk_and_proxies_the_rest_to_gunicorn()
    {
        var site = NginxFixture.Build().File(NginxFixture.Site).Text();

        Assert.Contains("  listen 80;\n", site, StringComparison.Ordinal);
        Assert.Contains("server_name www.foobar.com foobar.com;\n", site, StringComparison.Ordinal);
        Assert.Contains("location /static/ {\n    alias /srv/foobar/current/static/;\n    expires 7d;\n    access_log off;\n  }", site, StringComparison.Ordinal);
        Assert.Contains("proxy_pass http://127.0.0.1:8000;\n", site, StringComparison.Ordinal);
        Assert.Contains("proxy_set_header Host $host;\n", site, StringComparison.Ordinal);
        Assert.Contains("proxy_set_header X-Real-IP $remote_addr;\n", site, StringComparison.Ordinal);
        Assert.Contains("proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n", site, StringComparison.Ordinal);
        Assert.Contains("proxy_set_header X-Forwarded-Proto $scheme;\n", site, StringComparison.Ordinal);
        Assert.DoesNotContain("fastcgi", site, StringComparison.Ordinal);
        Assert.DoesNotContain("443", site, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("unix:/run/foobar/gunicorn.sock", "proxy_pass http://unix:/run/foobar/gunicorn.sock:;")]
    [InlineData("0.0.0.0:8000", "proxy_pass http://127.0.0.1:8000;")]
    [InlineData("10.0.0.5:9000", "proxy_pass http://10.0.0.5:9000;")]
    public void Proxy_target_follows_app_bind(string bind, string expected)
    {
        var site = NginxFixture.Build(new Dictionary<string, object?> { ["app_bind"] = bind }).File(NginxFixture.Site).Text();

        Assert.Contains(expected, site, StringComparison.Ordinal);
    }

    [Fact]
    public void Php_fpm_site_hands_every_other_request_to_the_front_controller_over_fastcgi()
    {
        var site = NginxFixture.Build(new Dictionary<string, object?> { ["app_server_kind"] = "php-fpm" }).File(NginxFixture.Site).Text();

        Assert.Contains("root /srv/foobar/current;\n", site, StringComparison.Ordinal);
        Assert.Contains("include fastcgi_params;\n", site, StringComparison.Ordinal);
        Assert.Contains("fastcgi_param SCRIPT_FILENAME $realpath_root/index.php;\n", site, StringComparison.Ordinal);
        Assert.Contains("fastcgi_pass unix:/run/php/foobar-fpm.sock;\n", site, StringComparison.Ordinal);
        Assert.Contains("alias /srv/foobar/current/static/;", site, StringComparison.Ordinal);
        Assert.DoesNotContain("proxy_pass", site, StringComparison.Ordinal);
    }

    [Fact]
    public void Extra_configuration_lines_go_inside_the_server_block()
    {
        var site = NginxFixture.Build(new Dictionary<string, object?> { ["nginx_extra_config"] = "add_header X-Frame-Options DENY;\nthis is not valid;\n" }).File(NginxFixture.Site).Text();

        Assert.EndsWith("  add_header X-Frame-Options DENY;\n  this is not valid;\n}\n", site, StringComparison.Ordinal);
    }

    [Fact]
    public void Ipv6_listen_and_static_access_log_follow_their_variables()
    {
        var site = NginxFixture.Build(new Dictionary<string, object?> { ["nginx_listen_ipv6"] = false, ["nginx_static_access_log"] = true }).File(NginxFixture.Site).Text();

        Assert.DoesNotContain("[::]", site, StringComparison.Ordinal);
        Assert.DoesNotContain("access_log off", site, StringComparison.Ordinal);
    }

    [Fact]
    public void Host_without_systemd_reloads_through_service()
    {
        var builder = NginxFixture.Harness().WithFacts(HostFacts.Debian12 with { InitSystem = "sysvinit" }).Build();

        Assert.Equal("service nginx reload", Assert.Single(builder.Handlers).Script.Text);
    }
}
