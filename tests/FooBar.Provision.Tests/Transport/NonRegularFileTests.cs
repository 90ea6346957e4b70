using FooBar.Provision.Facts;
using FooBar.Provision.Inventory;
using FooBar.Provision.Roles.Nginx;
using FooBar.Provision.Templates;
using FooBar.Provision.Tests.Catalogue.Loader;
using FooBar.Provision.Transport;
using FooBar.Provision.Transport.HostKeys;
using FooBar.Provision.Transport.SshNet;
using FooBar.Provision.Transport.SshNet.Config;

namespace FooBar.Provision.Tests.Transport;

/// <summary>
/// Every local file the controller is pointed at (identity file, certificate, known_hosts, ssh config, template override,
/// facts cache) is read only when it is a regular file: a named pipe there hung the run in an open that neither a
/// deadline, Ctrl+C nor SIGTERM ended (found with <c>known_hosts: FIFO</c> and <c>identity_file: FIFO</c>). Each read is bounded
/// here, so a regression fails the test instead of hanging the run.
/// </summary>
public sealed class NonRegularFileTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(5);
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("fb-fifo-");

    [Theory]
    [InlineData("identity_file")]
    [InlineData("known_hosts")]
    public async Task An_inventory_path_that_is_a_named_pipe_or_a_directory_is_bad_input_at_its_line(string key)
    {
        var fifo = Fifo("pipe");
        var inventory = Write("inventory.yaml", $"hosts:\n  www:\n    address: 192.0.2.10\n    {key}: {fifo}\n  db:\n    address: 192.0.2.11\n    {key}: {_directory.FullName}\n");

        var errors = (await Bounded(() => Assert.Throws<InventoryException>(() => new InventoryLoader(new Dictionary<string, IReadOnlyList<string>>()).Load(inventory)).Errors)).ToArray();

        Assert.Equal(2, errors.Length);
        Assert.Equal((4, 5 + key.Length + 2), (errors[0].Location.Line, errors[0].Location.Column));
        Assert.Contains("is a named pipe (FIFO), not a regular file", errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("is a directory, not a regular file", errors[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dev_null_stays_a_valid_known_hosts()
    {
        var inventory = Write("inventory.yaml", "hosts:\n  www:\n    address: 192.0.2.10\n    known_hosts: /dev/null\n");

        Assert.Equal("/dev/null", new InventoryLoader(new Dictionary<string, IReadOnlyList<string>>()).Load(inventory).Hosts[0].KnownHostsFile);
    }

    [Fact]
    public async Task A_known_hosts_file_that_is_a_named_pipe_holds_no_entry() =>
        Assert.Empty(await Bounded(() => KnownHostsParser.ReadFile(Fifo("known_hosts"))));

    [Fact]
    public async Task An_identity_file_that_is_a_named_pipe_fails_the_host_with_what_it_is()
    {
        var host = new HostEntry("www", "192.0.2.10") { IdentityFile = Fifo("id_ed25519") };

        var failure = await Bounded(() => Assert.Throws<AuthenticationFailedException>(() => SshNetAuthentication.Load(host, _ => null, _directory.FullName)));

        Assert.Contains("is a named pipe (FIFO), not a regular file", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_certificate_or_a_default_key_that_is_a_named_pipe_is_passed_over()
    {
        Fifo("key-cert.pub");
        var ssh = Directory.CreateDirectory(Path.Combine(_directory.FullName, ".ssh")).FullName;
        LoaderFixtures.MakeFifo(Path.Combine(ssh, "id_ed25519"));

        Assert.Null(await Bounded(() => SshNetAuthentication.CertificateFor(Path.Combine(_directory.FullName, "key"))));
        using var keys = await Bounded(() => SshNetAuthentication.Load(new HostEntry("www", "192.0.2.10"), _ => null, ssh)); // returns: the pipe is not opened
    }

    [Fact]
    public async Task An_ssh_config_that_is_a_named_pipe_is_a_problem_at_its_path()
    {
        var config = new SshConfig(Fifo("config"), _directory.FullName);

        var problem = Assert.Single((await Bounded(() => config.Evaluate("www"))).Problems);

        Assert.Contains("is a named pipe (FIFO), not a regular file", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_template_override_that_is_a_named_pipe_is_a_template_error()
    {
        Directory.CreateDirectory(Path.Combine(_directory.FullName, "templates", "nginx"));
        LoaderFixtures.MakeFifo(TemplateSource.OverridePath("nginx", "site.conf.scriban", _directory.FullName));

        var failure = await Bounded(() => Assert.Throws<TemplateException>(() => TemplateSource.Find(new NginxRole(), "site.conf.scriban", _directory.FullName)));

        Assert.Contains("is a named pipe (FIFO), not a regular file", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_facts_cache_entry_that_is_a_named_pipe_is_ignored_with_the_reason()
    {
        var cache = new FactsCache(_directory.FullName);
        var host = new HostEntry("www", "192.0.2.10");
        LoaderFixtures.MakeFifo(cache.PathOf(host));

        string? problem = null;
        Assert.Null(await Bounded(() => cache.Load(host, out problem)));
        Assert.Contains("could not be read (it is a named pipe (FIFO), not a regular file): ignored", problem, StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Delete(recursive: true);

    private static async Task<T> Bounded<T>(Func<T> action) => await Task.Run(action).WaitAsync(Bound);

    private string Fifo(string name)
    {
        var path = Path.Combine(_directory.FullName, name);
        LoaderFixtures.MakeFifo(path);
        return path;
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_directory.FullName, name);
        File.WriteAllText(path, text);
        return path;
    }
}
