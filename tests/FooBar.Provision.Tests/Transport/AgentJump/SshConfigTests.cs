using FooBar.Provision.Inventory;
using FooBar.Provision.Transport.SshNet.Config;

namespace FooBar.Provision.Tests.Transport.AgentJump;

/// <summary>The ssh_config reader and its application to hosts of the SSH.NET transport; every file is a temporary one (never the real ~/.ssh/config).</summary>
public sealed class SshConfigTests : IDisposable
{
    private readonly DirectoryInfo _home = Directory.CreateTempSubdirectory("fbsshconfig-");

    public SshConfigTests() => Directory.CreateDirectory(SshDirectory);

    private string SshDirectory => Path.Combine(_home.FullName, ".ssh");

    private string ConfigFile => Path.Combine(SshDirectory, "config");

    public void Dispose() => _home.Delete(recursive: true);

    [Theory]
    [InlineData("web*", "web1.example.com", true)]
    [InlineData("web?", "web1", true)]
    [InlineData("web?", "web12", false)]
    [InlineData("*.EXAMPLE.com", "db.example.com", true)]
    [InlineData("db web", "web", true)]
    [InlineData("db,web", "web", true)]
    [InlineData("* !web", "web", false)]
    [InlineData("* !web", "db", true)]
    [InlineData("*,!web*", "web2", false)]
    [InlineData("!web", "db", false)]
    public void Host_patterns_match_as_ssh_matches_them(string patterns, string host, bool expected)
    {
        Assert.Equal(expected, SshConfigPattern.HostMatches(patterns.Split(' '), host));
    }

    [Fact]
    public void The_first_value_obtained_wins_and_the_inventory_wins_over_the_file()
    {
        Write(ConfigFile, """
            Host web
              HostName 192.0.2.10
              User deploy
              Port 2222
            Host *
              User nobody
              Port 2200
              HostName 192.0.2.99
            """);

        var fromFile = Apply(new HostEntry("www", "web"));
        var fromInventory = Apply(new HostEntry("www", "web") { User = "admin", Port = 22, PortGiven = true });

        Assert.Equal(("192.0.2.10", "deploy", 2222), (fromFile.Address, fromFile.User, fromFile.Port));
        Assert.Equal(("192.0.2.10", "admin", 22), (fromInventory.Address, fromInventory.User, fromInventory.Port));
    }

    [Fact]
    public void HostName_expands_percent_h_to_the_name_given()
    {
        Write(ConfigFile, "Host db\n  HostName %h.internal.example.com\n");

        Assert.Equal("db.internal.example.com", Apply(new HostEntry("db", "db")).Address);
    }

    [Fact]
    public void IdentityFile_takes_the_first_existing_file_with_tokens_and_tilde_expanded()
    {
        Write(Path.Combine(SshDirectory, "deploy-web"), "key");
        Write(ConfigFile, "Host web\n  User deploy\n  IdentityFile ~/.ssh/missing\n  IdentityFile %d/.ssh/%r-%h\n");

        Assert.Equal(Path.Combine(SshDirectory, "deploy-web"), Apply(new HostEntry("www", "web")).IdentityFile);
        Assert.Equal("/keys/mine", Apply(new HostEntry("www", "web") { IdentityFile = "/keys/mine" }).IdentityFile);
    }

    [Fact]
    public void A_public_key_as_identity_file_is_refused_for_sshnet_hosts_only_from_the_inventory_or_the_config()
    {
        // Before, it passed check and every login failed: "not a private key SSH.NET can read (SshException)".
        var pub = Path.Combine(SshDirectory, "id_ed25519.pub");
        Write(pub, "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFk me@here\n");
        Write(ConfigFile, "Host web\n  IdentityFile ~/.ssh/id_ed25519.pub\n");
        var location = new SourceLocation("inventory.yaml", 3, 3);
        var fromInventory = new HostEntry("www", "db") { IdentityFile = pub, Location = location };
        var fromConfig = new HostEntry("api", "web") { Location = location };
        var config = new SshConfig(ConfigFile, _home.FullName);

        var sshNet = SshConfigApplication.Apply([fromInventory, fromConfig], config, "me", _ => true).Problems;
        var openSsh = SshConfigApplication.Apply([fromInventory, fromConfig], config, "me", _ => false).Problems;

        Assert.Equal(
            [
                $"host 'www': the identity_file '{pub}' is a public key, and the sshnet transport logs in with the private key itself",
                $"host 'api': the identity_file '{pub}' (from the ssh config's IdentityFile) is a public key, and the sshnet transport logs in with the private key itself",
            ],
            sshNet.Select(p => p.Message));
        Assert.All(sshNet, p => Assert.Equal(location, p.Location));
        Assert.All(sshNet, p => Assert.Contains("the same path without .pub", p.Hint, StringComparison.Ordinal));
        Assert.Empty(openSsh);
    }

    [Fact]
    public void UserKnownHostsFile_and_IdentitiesOnly_apply()
    {
        Write(ConfigFile, "Host web\n  UserKnownHostsFile ~/.ssh/known_%h_%p other\n  IdentitiesOnly yes\n");

        var host = Apply(new HostEntry("www", "web"));

        Assert.Equal(Path.Combine(SshDirectory, "known_web_22"), host.KnownHostsFile);
        Assert.True(host.IdentitiesOnly);
    }

    [Fact]
    public void UserKnownHostsFile_none_is_refused_since_no_key_could_be_checked()
    {
        Write(ConfigFile, "Host web\n  UserKnownHostsFile none\n");

        Assert.Contains("UserKnownHostsFile none leaves no file", Assert.Single(Problems(new HostEntry("www", "web"))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ProxyJump_becomes_the_jump_hosts_unless_the_inventory_has_its_own()
    {
        Write(ConfigFile, "Host web\n  ProxyJump admin@bastion.example.com:2222,[2001:db8::1]\nHost db\n  ProxyJump none\n");

        Assert.Equal([new JumpHost("bastion.example.com", 2222, "admin"), new JumpHost("2001:db8::1")], Apply(new HostEntry("www", "web")).Jump);
        Assert.Equal([new JumpHost("own")], Apply(new HostEntry("www", "web") { Jump = [new JumpHost("own")] }).Jump);
        Assert.Empty(Apply(new HostEntry("db", "db")).Jump);
    }

    [Fact]
    public void A_keyword_the_transport_does_not_read_is_an_error_with_file_line_and_the_way_out()
    {
        Write(ConfigFile, "Host other\n  ProxyCommand nc %h %p\n\nHost web\n  User deploy\n  ProxyCommand nc %h %p\n");

        var problem = Assert.Single(Problems(new HostEntry("www", "web")));

        Assert.Equal(new SourceLocation(ConfigFile, 6, 1), problem.Location);
        Assert.Contains("host 'www': ssh config keyword 'ProxyCommand' is not supported by the sshnet transport", problem.Message, StringComparison.Ordinal);
        Assert.Equal("use `transport: openssh` for this host, or remove it", problem.Hint);
    }

    [Theory]
    [InlineData("User ro ot", "'User' takes one value, not 2 ('ro ot')")]
    [InlineData("HostName a b", "'HostName' takes one value, not 2 ('a b')")]
    [InlineData("Port 22 23", "'Port' takes one value, not 2 ('22 23')")]
    [InlineData("IdentityFile ~/.ssh/a ~/.ssh/b", "'IdentityFile' takes one value, not 2")]
    [InlineData("User", "no argument after keyword 'user'")]
    [InlineData("ServerAliveInterval", "no argument after keyword 'serveraliveinterval'")]
    public void A_line_ssh_itself_refuses_is_an_error_at_its_line_not_its_first_word_taken(string line, string expected)
    {
        Write(ConfigFile, $"Host web\n  {line}\n");

        var problem = Assert.Single(Problems(new HostEntry("www", "web")));

        Assert.Equal(new SourceLocation(ConfigFile, 2, 1), problem.Location);
        Assert.Contains(expected, problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("transport: openssh", problem.Hint, StringComparison.Ordinal);
    }

    // Each line as `ssh -G -F FILE h` (OpenSSH 9.2) refuses it, in a block that does not apply to the host: ssh reads every line.
    [Theory]
    [InlineData("Host", "no argument after keyword 'host'")]
    [InlineData("Host =", "no argument after keyword 'host'")]
    [InlineData("Host \"\"", "an empty argument")]
    [InlineData("Host a \"\"", "an empty argument")]
    [InlineData("Include", "no argument after keyword 'include'")]
    [InlineData("Include \"\"", "an empty argument")]
    [InlineData("Match", "no argument after keyword 'match'")]
    [InlineData("User=", "no argument after keyword 'user'")]
    [InlineData("HostName \"\"", "an empty argument")]
    [InlineData("UserKnownHostsFile a \"\"", "an empty argument")]
    [InlineData("Ciphers", "no argument after keyword 'ciphers'")]
    [InlineData("SomeFutureKeyword", "no argument after keyword 'somefuturekeyword'")]
    public void A_keyword_line_without_a_value_is_refused_anywhere_in_the_file_as_ssh_refuses_it(string line, string expected)
    {
        Write(ConfigFile, $"Host other\n  {line}\nHost *\n  User deploy\n");

        var problems = SshConfigApplication.Apply([new HostEntry("www", "web"), new HostEntry("db", "db")], new SshConfig(ConfigFile, _home.FullName), "me", _ => true).Problems;

        var problem = Assert.Single(problems);
        Assert.Equal(new SourceLocation(ConfigFile, 2, 1), problem.Location);
        Assert.Contains(expected, problem.Message, StringComparison.Ordinal);
        Assert.Contains("ssh refuses it too", problem.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void A_config_named_by_FOOBAR_SSH_CONFIG_must_exist_as_ssh_F_wants_but_the_default_one_may_be_missing()
    {
        var missing = Path.Combine(_home.FullName, "no-such-config");
        var named = SshConfig.FromEnvironment(name => name == SshConfig.PathVariable ? missing : name == "HOME" ? _home.FullName : null);
        var fallback = SshConfig.FromEnvironment(name => name == "HOME" ? Path.Combine(_home.FullName, "elsewhere") : null);

        var problem = Assert.Single(SshConfigApplication.Apply([new HostEntry("www", "web")], named, "me", _ => true).Problems);
        Assert.Equal("environment variable FOOBAR_SSH_CONFIG", problem.Location.File);
        Assert.Contains($"FOOBAR_SSH_CONFIG names the ssh config '{missing}', which does not exist", problem.Message, StringComparison.Ordinal);
        Assert.Contains("FOOBAR_SSH_CONFIG=none", problem.Hint, StringComparison.Ordinal);
        Assert.Empty(SshConfigApplication.Apply([new HostEntry("www", "web")], fallback, "me", _ => true).Problems);
    }

    [Theory]
    [InlineData("ProxyJump \"\"")]
    [InlineData("Match all \"\"")]
    public void The_empty_arguments_ssh_accepts_are_accepted(string line)
    {
        Write(ConfigFile, $"Host other\n  {line}\nHost *\n  User deploy\n");

        Assert.Empty(Problems(new HostEntry("www", "web")));
        Assert.Equal("deploy", Apply(new HostEntry("www", "web")).User);
    }

    [Fact]
    public void Keywords_both_transports_already_honour_are_accepted_and_value_bound_ones_only_with_that_value()
    {
        Write(ConfigFile, "Host *\n  ServerAliveInterval 30\n  AddKeysToAgent yes\n  ForwardAgent no\nHost web\n  ForwardX11 yes\n");

        var problem = Assert.Single(Problems(new HostEntry("www", "web")));

        Assert.Contains("'ForwardX11' is set to 'yes', and the sshnet transport behaves only as 'no'", problem.Message, StringComparison.Ordinal);
        Assert.Empty(Problems(new HostEntry("db", "db")));
    }

    [Fact]
    public void A_Match_block_is_an_error_naming_transport_openssh_but_Match_all_is_Host_star()
    {
        Write(ConfigFile, "Match all\n  User deploy\nMatch exec \"test -f /x\"\n  User other\n");

        var problem = Assert.Single(Problems(new HostEntry("www", "web")));

        Assert.Equal(3, problem.Location.Line);
        Assert.Contains("'Match exec test -f /x' block: the sshnet transport does not evaluate Match", problem.Message, StringComparison.Ordinal);
        Assert.Contains("transport: openssh", problem.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Include_reads_files_relative_to_dot_ssh_in_sorted_order_and_only_where_its_block_applies()
    {
        Write(Path.Combine(SshDirectory, "conf.d", "20-web"), "Host web\n  User second\n  Port 2020\n");
        Write(Path.Combine(SshDirectory, "conf.d", "10-web"), "Host web\n  User first\nHost *\n  Port 1010\n");
        Write(Path.Combine(SshDirectory, "db-only"), "User dbuser\n");
        Write(ConfigFile, "Host db\n  Include db-only\nHost *\n  Include conf.d/*\n");

        var web = Apply(new HostEntry("www", "web"));
        var db = Apply(new HostEntry("db", "db"));

        Assert.Equal(("first", 1010), (web.User, web.Port));
        Assert.Equal(("dbuser", 1010), (db.User, db.Port));
    }

    [Fact]
    public void An_include_loop_stops_with_an_error()
    {
        Write(ConfigFile, "Include config\n");

        Assert.Contains(Problems(new HostEntry("www", "web")), p => p.Message.Contains("Include nested more than 16 deep", StringComparison.Ordinal));
    }

    [Fact]
    public void Bad_values_are_errors_at_their_line()
    {
        Write(ConfigFile, "Host web\n  HostName 10.0.0.5;reboot\n  Port 70000\n  User -oops\n  ProxyJump bad host\n  IdentityFile ~/.ssh/%C\n");

        var problems = Problems(new HostEntry("www", "web"));

        Assert.Equal([2, 3, 4, 5, 6], problems.Select(p => p.Location.Line).Order());
        Assert.Contains(problems, p => p.Message.Contains("the token '%C' is not supported", StringComparison.Ordinal));
    }

    [Fact]
    public void Hosts_of_the_openssh_transport_are_left_to_ssh_but_may_not_have_jump_hosts()
    {
        Write(ConfigFile, "Host web\n  ProxyCommand nc %h %p\n");
        var config = new SshConfig(ConfigFile, _home.FullName);

        var (hosts, problems) = SshConfigApplication.Apply([new HostEntry("www", "web"), new HostEntry("db", "db") { Jump = [new JumpHost("bastion")] }], config, "me", _ => false);

        Assert.Equal("web", hosts[0].Address);
        Assert.Contains("host 'db' has jump: hosts but uses transport openssh", Assert.Single(problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lines_are_read_as_ssh_reads_them()
    {
        var (lines, problems) = SshConfigText.Parse("# comment\nHostName=example.com\n  IdentityFile \"/path with/space\" # trailing\nUser \"unterminated\n", "cfg");

        Assert.Equal(["hostname", "identityfile"], lines.Select(l => l.Keyword));
        Assert.Equal(["example.com"], lines[0].Arguments);
        Assert.Equal(["/path with/space"], lines[1].Arguments);
        Assert.Equal(4, Assert.Single(problems).Location.Line);
    }

    [Fact]
    public void The_environment_chooses_the_file_and_none_reads_nothing()
    {
        Assert.Null(SshConfig.FromEnvironment(name => name == SshConfig.PathVariable ? "none" : "/home/x"));
        Assert.Null(SshConfig.FromEnvironment(_ => null));
        Assert.Equal("/home/x/.ssh/config", SshConfig.FromEnvironment(name => name == "HOME" ? "/home/x" : null)?.File);
        Assert.Equal("/home/x/other", SshConfig.FromEnvironment(name => name == "HOME" ? "/home/x" : name == SshConfig.PathVariable ? "~/other" : null)?.File);
    }

    [Theory]
    [InlineData("bastion", "bastion", 22, null)]
    [InlineData("admin@bastion.example.com:2222", "bastion.example.com", 2222, "admin")]
    [InlineData("ssh://admin@192.0.2.1:2200", "192.0.2.1", 2200, "admin")]
    [InlineData("[2001:db8::1]:2222", "2001:db8::1", 2222, null)]
    [InlineData("2001:db8::1", "2001:db8::1", 22, null)]
    [InlineData("user@domain@host", "host", 22, "user@domain")]
    public void Jump_hops_are_read_like_ProxyJump(string text, string address, int port, string? user)
    {
        Assert.Equal(new JumpHost(address, port, user), JumpSpec.ParseHop(text).Hop);
    }

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("bastion:0", "has a port that is not a number from 1 to 65535")]
    [InlineData("bastion:ssh", "has a port that is not a number from 1 to 65535")]
    [InlineData("-oProxyCommand=x", "has a host that")]
    [InlineData("-x@bastion", "has a user that starts with '-'")]
    [InlineData("[2001:db8::1", "has a '[' without its ']'")]
    [InlineData("bad host", "has a host that")]
    public void A_bad_hop_says_what_is_wrong(string text, string problem)
    {
        Assert.StartsWith(problem, JumpSpec.ParseHop(text).Problem, StringComparison.Ordinal);
    }

    private HostEntry Apply(HostEntry host)
    {
        var (hosts, problems) = SshConfigApplication.Apply([host], new SshConfig(ConfigFile, _home.FullName), "me", _ => true);
        Assert.Empty(problems);
        return hosts[0];
    }

    private IReadOnlyList<InventoryError> Problems(HostEntry host) =>
        SshConfigApplication.Apply([host], new SshConfig(ConfigFile, _home.FullName), "me", _ => true).Problems;

    private static void Write(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
