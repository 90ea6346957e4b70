using FooBar.Provision.Inventory;
using FooBar.Provision.Tests.Inventory;
using FooBar.Provision.Transport;

namespace FooBar.Provision.Tests.Transport;

public sealed class KnownHostsCheckTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void A_writable_file_and_a_new_file_in_an_existing_directory_can_record_a_key()
    {
        Assert.Null(KnownHostsCheck.Problem(Host(_directory.Write("known_hosts", ""))));
        Assert.Null(KnownHostsCheck.Problem(Host(Path.Combine(_directory.Path, "new_known_hosts"))));
        Assert.False(File.Exists(Path.Combine(_directory.Path, "new_known_hosts")));
        Assert.Empty(Directory.GetFiles(_directory.Path, ".foobar-provision-probe-*"));
    }

    [Fact]
    public void Strict_checking_records_nothing_so_any_path_is_fine() =>
        Assert.Null(KnownHostsCheck.Problem(Host("/dev/null") with { HostKeyChecking = HostKeyChecking.Strict }));

    [Fact]
    public void A_fifo_is_refused_by_its_type_without_being_opened()
    {
        var fifo = Path.Combine(_directory.Path, "fifo");
        FooBar.Provision.Tests.Catalogue.Loader.LoaderFixtures.MakeFifo(fifo);

        var problem = Assert.IsType<TransportException>(KnownHostsCheck.Problem(Host(fifo)));

        Assert.Contains("it is a named pipe (FIFO), not a regular file", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/dev/null", "it is a character device, not a regular file")]
    [InlineData("/tmp", "it is a directory, not a regular file")]
    [InlineData("/nonexistent-dir-4711/known_hosts", "its directory '/nonexistent-dir-4711' does not exist")]
    public void A_path_that_cannot_hold_a_key_fails_with_what_which_file_and_what_to_do(string path, string why)
    {
        var problem = Assert.IsType<TransportException>(KnownHostsCheck.Problem(Host(path)));

        Assert.Contains($"known_hosts '{path}' ({why})", problem.Message, StringComparison.Ordinal);
        Assert.Contains("host_key_checking is accept-new", problem.Message, StringComparison.Ordinal);
        Assert.Contains("ssh-keyscan -p 22 192.0.2.10", problem.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Ssh_reporting_that_it_could_not_add_the_key_fails_the_host_whatever_its_exit_code()
    {
        var host = Host("/srv/kh");
        var stderr = "Warning: something\nFailed to add the host to the list of known hosts (/srv/kh).\n";

        var error = OpenSshErrors.Classify(host, new CommandResult(0, "", stderr));

        Assert.Contains("known_hosts '/srv/kh' (ssh reported that it could not add the key)", Assert.IsType<TransportException>(error).Message, StringComparison.Ordinal);
    }

    private static HostEntry Host(string knownHosts) =>
        new("www", "192.0.2.10") { KnownHostsFile = knownHosts, HostKeyChecking = HostKeyChecking.AcceptNew };
}
