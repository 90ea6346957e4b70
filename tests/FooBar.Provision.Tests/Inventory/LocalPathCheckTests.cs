using FooBar.Provision.Inventory;
using static FooBar.Provision.Tests.Inventory.InventoryTestData;

namespace FooBar.Provision.Tests.Inventory;

/// <summary>
/// The local files an inventory names are checked when it is loaded (check, and plan/apply before any connection), each
/// by its kind: a file that must be there (identity_file, a strict known_hosts, a { file: } secret) is bad input at its
/// file:line:column when it is missing or unreadable; a file that may not exist yet (known_hosts with accept-new) only
/// needs a directory it can be created in. Before, a missing identity_file passed check and failed at connect time.
/// </summary>
public sealed class LocalPathCheckTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void A_missing_identity_file_is_bad_input_at_its_value_saying_what_to_do()
    {
        var path = _directory.Write("inventory.yaml", "hosts:\n  www:\n    address: 192.0.2.10\n    identity_file: keys/id_typo\n");

        var error = Assert.Single(Assert.Throws<InventoryException>(() => Loader().Load(path)).Errors);

        Assert.Equal((path, 4, 20), (error.Location.File, error.Location.Line, error.Location.Column));
        Assert.Equal($"the identity_file of host 'www' '{Path.Combine(_directory.Path, "keys", "id_typo")}' does not exist", error.Message);
        Assert.Contains("or remove the line to use the ssh-agent and the default keys", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void An_identity_file_that_exists_is_taken_and_dev_null_is_not_a_key()
    {
        _directory.Write("keys/id", PrivateKey);
        var path = _directory.Write("inventory.yaml", "hosts:\n  www: { address: 192.0.2.10, identity_file: keys/id }\n  db: { address: 192.0.2.11, identity_file: /dev/null }\n");

        var error = Assert.Single(Assert.Throws<InventoryException>(() => Loader().Load(path)).Errors);

        Assert.Equal(3, error.Location.Line);
        Assert.Contains("'/dev/null' is /dev/null, not a private key", error.Message, StringComparison.Ordinal);
    }

    private const string PrivateKey = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n";

    [Theory]
    [InlineData("")]
    [InlineData("10.99.3.2 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFk\n")] // a known_hosts line
    [InlineData("Host *\n  User deploy\n")] // an ssh config
    [InlineData("root:$y$j9T$hunter2hunter2:19000:0:99999:7:::\n")] // /etc/shadow
    [InlineData("-----BEGIN CERTIFICATE-----\nMIIB\n")] // a TLS certificate
    public void An_identity_file_that_holds_no_ssh_key_is_bad_input_that_never_quotes_it(string content)
    {
        // Before, any readable file passed check; every login failed ('not a private key SSH.NET can read (SshException)').
        _directory.Write("keys/id", content);
        var path = _directory.Write("inventory.yaml", "hosts:\n  www:\n    address: 192.0.2.10\n    identity_file: keys/id\n");

        var error = Assert.Single(Assert.Throws<InventoryException>(() => Loader().Load(path)).Errors);

        Assert.Equal((4, 20), (error.Location.Line, error.Location.Column));
        Assert.Equal($"the identity_file of host 'www' '{Path.Combine(_directory.Path, "keys", "id")}' is not an SSH key: its first line is neither '-----BEGIN ... PRIVATE KEY-----' (OpenSSH, PEM) nor 'PuTTY-User-Key-File-', nor a public key", error.Message);
        Assert.StartsWith("point identity_file: at your private key (the file without .pub)", error.Hint, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message + error.Hint, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-----BEGIN OPENSSH PRIVATE KEY-----\n")]
    [InlineData("\uFEFF\r\n-----BEGIN RSA PRIVATE KEY-----\r\nProc-Type: 4,ENCRYPTED\r\n")]
    [InlineData("-----BEGIN EC PRIVATE KEY-----\n")]
    [InlineData("-----BEGIN ENCRYPTED PRIVATE KEY-----\n")]
    [InlineData("---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----\n")]
    [InlineData("PuTTY-User-Key-File-3: ssh-ed25519\n")]
    [InlineData("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFk user@host\n")] // the system ssh takes a .pub to pick the agent's key
    [InlineData("sk-ssh-ed25519@openssh.com AAAAGnNrLXNzaC1lZDI1NTE5QG9wZW5zc2guY29t\n")]
    public void A_private_key_of_every_format_and_a_public_key_pass_the_loader(string content)
    {
        _directory.Write("keys/id", content);
        var path = _directory.Write("inventory.yaml", "hosts:\n  www:\n    address: 192.0.2.10\n    identity_file: keys/id\n");

        Assert.Equal(Path.Combine(_directory.Path, "keys", "id"), Loader().Load(path).Hosts[0].IdentityFile);
    }

    [Fact]
    public void A_passphrase_file_that_does_not_exist_is_bad_input_at_its_secret()
    {
        _directory.Write("keys/id", PrivateKey);
        var path = _directory.Write("inventory.yaml", "hosts:\n  www: { address: 192.0.2.10, identity_file: keys/id, identity_passphrase: { file: keys/id.pass } }\n");

        var error = Assert.Single(Assert.Throws<InventoryException>(() => Loader().Load(path)).Errors);

        Assert.Equal(2, error.Location.Line);
        Assert.Contains($"the secret for identity_passphrase of host 'www' comes from file '{Path.Combine(_directory.Path, "keys", "id.pass")}', which does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_strict_known_hosts_that_does_not_exist_is_bad_input_but_accept_new_may_create_it()
    {
        var path = _directory.Write("inventory.yaml", """
            hosts:
              strict: { address: 192.0.2.10, known_hosts: known_hosts }
              fresh: { address: 192.0.2.11, known_hosts: known_hosts, host_key_checking: accept-new }
            """);

        var error = Assert.Single(Assert.Throws<InventoryException>(() => Loader().Load(path)).Errors);

        Assert.Equal(2, error.Location.Line);
        Assert.Contains($"the known_hosts of host 'strict' '{Path.Combine(_directory.Path, "known_hosts")}' does not exist, and host_key_checking is strict", error.Message, StringComparison.Ordinal);
        Assert.Contains("ssh-keyscan -p 22 192.0.2.10 >>", error.Hint, StringComparison.Ordinal);
        Assert.Contains("host_key_checking: accept-new", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void An_accept_new_known_hosts_whose_directory_is_missing_is_bad_input_at_its_value()
    {
        var path = _directory.Write("inventory.yaml", "hosts:\n  www:\n    address: 192.0.2.10\n    host_key_checking: accept-new\n    known_hosts: no-such-dir/known_hosts\n");

        var error = Assert.Single(Assert.Throws<InventoryException>(() => Loader().Load(path)).Errors);

        Assert.Equal((5, 18), (error.Location.Line, error.Location.Column));
        Assert.Contains("host_key_checking of host 'www' is accept-new, but its known_hosts", error.Message, StringComparison.Ordinal);
        Assert.Contains($"its directory '{Path.Combine(_directory.Path, "no-such-dir")}' does not exist", error.Message, StringComparison.Ordinal);
        Assert.Contains("point known_hosts: at a regular file you can write", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void An_accept_new_known_hosts_under_a_regular_file_is_bad_input()
    {
        _directory.Write("not-a-dir", "");
        var path = _directory.Write("inventory.yaml", "hosts:\n  www: { address: 192.0.2.10, host_key_checking: accept-new, known_hosts: not-a-dir/known_hosts }\n");

        var error = Assert.Single(Assert.Throws<InventoryException>(() => Loader().Load(path)).Errors);

        Assert.Contains($"its directory '{Path.Combine(_directory.Path, "not-a-dir")}' is a regular file, not a directory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_local_path_variable_of_the_wrong_kind_is_bad_input_naming_what_it_is()
    {
        Directory.CreateDirectory(Path.Combine(_directory.Path, "schema.sql"));
        _directory.Write("app.tgz", "an archive, not a folder");
        var path = _directory.Write("inventory.yaml", """
            vars: { app_name: foobar, db_password: { env: DB_PW }, domain: www.example.com, app_source: app.tgz, mysql_schema_file: schema.sql }
            hosts:
              www: { address: 192.0.2.10, roles: [mysql, app-files, app-server, nginx] }
            """);

        var result = await Cli.CliHarness.RunAsync(new Cli.MockHosts().Factory.Object, name => name == "DB_PW" ? "a-long-db-password" : null, "check", path);

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains($"variable 'app_source' names the folder {Path.Combine(_directory.Path, "app.tgz")}, which is a regular file, not a folder", result.Stderr, StringComparison.Ordinal);
        Assert.Contains($"variable 'mysql_schema_file' names the file {Path.Combine(_directory.Path, "schema.sql")}, which is a directory, not a regular file", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_strict_known_hosts_that_exists_and_an_accept_new_one_that_can_be_created_load()
    {
        _directory.Write("known_hosts", "");
        var path = _directory.Write("inventory.yaml", """
            hosts:
              strict: { address: 192.0.2.10, known_hosts: known_hosts }
              fresh: { address: 192.0.2.11, known_hosts: new/known_hosts2, host_key_checking: accept-new }
            """);
        Directory.CreateDirectory(Path.Combine(_directory.Path, "new"));

        var model = Loader().Load(path);

        Assert.Equal(2, model.Hosts.Count);
        Assert.Empty(Directory.GetFiles(Path.Combine(_directory.Path, "new")));
    }
}
