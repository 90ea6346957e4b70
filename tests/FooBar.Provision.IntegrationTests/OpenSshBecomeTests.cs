using System.Text;
using FooBar.Provision.Transport;
using FooBar.Provision.Variables;

namespace FooBar.Provision.IntegrationTests;

[Collection(LoopbackSshd.CollectionName)]
public sealed class OpenSshBecomeTests(LoopbackSshd sshd)
{
    [Fact]
    public async Task Become_runs_the_script_as_root_through_sudo()
    {
        RequireSudo();
        await using var factory = new OpenSshConnectionFactory();
        var connection = factory.Open(sshd.Host with { Become = true });

        var result = await connection.RunAsync(new RemoteCommand("id -u; ps -o comm= -p $PPID"));

        Assert.Equal("0\nsudo\n", result.StandardOutput);
    }

    [Fact]
    public async Task Become_passes_standard_input_to_the_script()
    {
        RequireSudo();
        await using var factory = new OpenSshConnectionFactory();
        var connection = factory.Open(sshd.Host with { Become = true });

        var result = await connection.RunAsync(new RemoteCommand("cat").WithStandardInput(Encoding.UTF8.GetBytes("input\n")));

        Assert.Equal("input\n", result.StandardOutput);
    }

    [Fact]
    public async Task A_become_password_never_reaches_the_script_when_sudo_asks_for_none()
    {
        RequireSudo();
        await using var factory = new OpenSshConnectionFactory();
        var host = sshd.Host with { Become = true, BecomePassword = new SecretValue("test", "s3cret-password") };
        var connection = factory.Open(host);

        var result = await connection.RunAsync(new RemoteCommand("id -u; cat").WithStandardInput(Encoding.UTF8.GetBytes("input\n")));

        Assert.Equal("0\ninput\n", result.StandardOutput);
    }

    [Fact]
    public async Task Become_writes_files_as_root()
    {
        RequireSudo();
        await using var factory = new OpenSshConnectionFactory();
        var host = sshd.Host with { Become = true, BecomePassword = new SecretValue("test", "s3cret-password") };
        var connection = factory.Open(host);
        var directory = Directory.CreateTempSubdirectory("fbssh-become-").FullName;
        var path = Path.Combine(directory, "file");

        await connection.WriteFileAsync(new RemoteFile(path, Encoding.UTF8.GetBytes("content\n"), "0644", "root", "root"));

        Assert.Equal("content\n", File.ReadAllText(path));
        Directory.Delete(directory, recursive: true);
    }

    private static void RequireSudo()
    {
        if (!File.Exists("/usr/bin/sudo"))
        {
            Assert.Fail("sudo is missing: the become tests need it on the loopback host. Install it (apt-get install sudo); .ci/run does.");
        }
    }
}
