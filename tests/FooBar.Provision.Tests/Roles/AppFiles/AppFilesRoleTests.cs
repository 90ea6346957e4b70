using FooBar.Provision.Resources;
using FooBar.Provision.Roles.AppFiles;

namespace FooBar.Provision.Tests.Roles.AppFiles;

public sealed class AppFilesRoleTests : IDisposable
{
    private readonly AppFilesCheckout _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public void The_role_declares_user_directories_config_release_link_and_pruning_in_order()
    {
        var builder = _host.Build();

        var id = builder.Resources.OfType<ReleaseResource>().Single().Snapshot.Id;
        Assert.Equal(
        [
            "group[foobar]",
            "user[foobar]",
            "directory[/srv/foobar]",
            "directory[/srv/foobar/releases]",
            "directory[/srv/foobar/shared]",
            "file[/srv/foobar/shared/config.ini]",
            $"release[/srv/foobar/releases/{id}]",
            "symlink[/srv/foobar/current]",
            "prune-releases[/srv/foobar/releases]",
        ], builder.Resources.Select(r => r.Id));
        var directories = builder.Resources.OfType<DirectoryResource>().ToArray();
        Assert.Equal(["755", "755", "750"], directories.Select(d => d.Mode));
        Assert.Equal($"releases/{id}", builder.Resources.OfType<SymlinkResource>().Single().Target);
        Assert.Equal(5, builder.Resources.OfType<PruneReleasesResource>().Single().Keep);
    }

    [Fact]
    public void The_config_holds_the_database_settings_readable_by_the_app_user_only()
    {
        var config = _host.Build(new Dictionary<string, object?> { ["db_host"] = "/run/mysqld/mysqld.sock" }).Resources.OfType<FileResource>().Single(f => f.Path.EndsWith("/config.ini", StringComparison.Ordinal));

        Assert.Equal(("640", "foobar", "foobar"), (config.Mode, config.Owner, config.Group));
        Assert.Equal(
            "; Managed by FooBar.Provision (role app-files): local changes are overwritten.\n[database]\nhost = /run/mysqld/mysqld.sock\nport = 3306\nname = foobar\nuser = foobar\n; password: percent-encoded UTF-8 (letters, digits, - . _ as they are), see app/README.md\npassword = " + AppFilesCheckout.Password + "\n",
            AppFilesCheckout.Text(config));
    }

    [Fact]
    public void App_server_handlers_are_notified_only_when_the_host_has_the_app_server_role()
    {
        var alone = _host.Build();
        var together = _host.Build(roles: ["app-files", "app-server"]);

        Assert.All(alone.Resources, r => Assert.Empty(r.Notify));
        Assert.Equal(["restart app-server"], together.Resources.OfType<FileResource>().Single(f => f.Path.EndsWith("/config.ini", StringComparison.Ordinal)).Notify);
        Assert.Equal(["reload app-server"], together.Resources.OfType<SymlinkResource>().Single().Notify);
    }

    [Theory]
    [InlineData("gunicorn", "foobar_app.py")]
    [InlineData("php-fpm", "index.php")]
    public void Without_app_source_the_sample_app_of_the_kind_is_deployed(string kind, string file)
    {
        var snapshot = _host.Build(new Dictionary<string, object?> { ["app_server_kind"] = kind }).Resources.OfType<ReleaseResource>().Single().Snapshot;

        Assert.Contains(file, snapshot.Paths);
    }

    [Fact]
    public void Tests_and_bytecode_stay_out_of_the_release()
    {
        var snapshot = _host.Build().Resources.OfType<ReleaseResource>().Single().Snapshot;

        Assert.Equal(["foobar_app.py", "static", "static/style.css"], snapshot.Paths);
    }

    [Fact]
    public void A_password_with_a_control_character_is_refused_without_being_shown()
    {
        var secret = new Variables.SecretValue("test", "pa\nss-word");

        var error = Assert.ThrowsAny<ProvisionException>(() => _host.Build(new Dictionary<string, object?> { ["db_password"] = secret }));

        Assert.DoesNotContain("ss-word", error.Message + error.Hint, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("plain-Pass_word.1", "plain-Pass_word.1")]
    [InlineData(" it's \"q\" \\ $x `y` ;z #h =e ~%+", "%20it%27s%20%22q%22%20%5C%20%24x%20%60y%60%20%3Bz%20%23h%20%3De%20%7E%25%2B")]
    [InlineData("pässwört日本", "p%C3%A4ssw%C3%B6rt%E6%97%A5%E6%9C%AC")]
    public void Any_printable_password_lands_percent_encoded_in_config_ini(string password, string written)
    {
        var config = _host.Build(new Dictionary<string, object?> { ["db_password"] = new Variables.SecretValue("test", password) })
            .Resources.OfType<FileResource>().Single(f => f.Path.EndsWith("/config.ini", StringComparison.Ordinal));

        Assert.EndsWith($"\npassword = {written}\n", System.Text.Encoding.UTF8.GetString([.. config.Content]), StringComparison.Ordinal);
        Assert.False(config.Revertible);
    }

    [Fact]
    public void The_percent_encoded_password_is_masked_like_the_password()
    {
        var masker = new Variables.SecretMasker([" it's ~ü;#"]);

        Assert.Equal("password = ********", masker.Mask("password = %20it%27s%20%7E%C3%BC%3B%23"));
    }

    [Theory]
    [InlineData("app_name", "../etc")]
    [InlineData("app_user", "Foo Bar")]
    [InlineData("releases_keep", "0")]
    [InlineData("app_server_kind", "unicorn")]
    [InlineData("app_source", "does-not-exist")]
    public void Bad_variables_are_refused(string name, string value) =>
        Assert.ThrowsAny<ProvisionException>(() => _host.Build(new Dictionary<string, object?> { [name] = value }));

    [Fact]
    public void No_secret_reaches_a_probe_or_a_summary()
    {
        var builder = _host.Build();

        foreach (var resource in builder.Resources)
        {
            Assert.DoesNotContain(AppFilesCheckout.Password, resource.ProbeScript.Text, StringComparison.Ordinal);
            var change = resource.Compare(new ProbeResult(0, "absent\n"), AppFilesCheckout.Plan);
            Assert.DoesNotContain(AppFilesCheckout.Password, change?.Summary ?? "", StringComparison.Ordinal);
        }
    }
}
