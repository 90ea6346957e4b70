using System.Runtime.Versioning;
using System.Security.Cryptography;
using FooBar.Provision.Inventory;
using FooBar.Provision.Variables;

namespace FooBar.Provision.IntegrationTests.Contract;

/// <summary>
/// The host every transport of the contract suite is run against: a private <see cref="LoopbackSshd"/> and three
/// local users made for the run, who log in with the server's client key: one with passwordless sudo, one whose sudo
/// asks for a password, one without sudo rights (an xunit collection fixture; the users and their sudoers file are
/// removed on dispose).
/// </summary>
/// <remarks>Runs as root (useradd, /etc/sudoers.d). Only loopback is ever contacted.</remarks>
public sealed class ContractHost : IAsyncLifetime
{
    /// <summary>The name of the xunit collection that shares this fixture.</summary>
    public const string CollectionName = "Transport contract";

    private readonly string _suffix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));

    /// <summary>The server.</summary>
    public LoopbackSshd Sshd { get; } = new();

    /// <summary>The sudo password of <see cref="PasswordSudoUser"/> and <see cref="NoSudoUser"/>: spaces, quotes, a dollar, a colon.</summary>
    public string Password { get; } = $"pw {Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))} 'q\" $HOME :x";

    /// <summary>A user whose sudo needs no password (NOPASSWD).</summary>
    public string PasswordlessSudoUser => $"fbc{_suffix}n";

    /// <summary>A user whose sudo asks for <see cref="Password"/>.</summary>
    public string PasswordSudoUser => $"fbc{_suffix}p";

    /// <summary>A user with a password and no sudo rights.</summary>
    public string NoSudoUser => $"fbc{_suffix}x";

    /// <summary>root on the server, strict host key checking.</summary>
    public HostEntry Root => Sshd.Host;

    private string SudoersFile => $"/etc/sudoers.d/fbc{_suffix}";

    private IEnumerable<string> Users => [PasswordlessSudoUser, PasswordSudoUser, NoSudoUser];

    /// <summary>The host as <paramref name="user"/>, with become and, when given, a become password.</summary>
    public HostEntry BecomeAs(string user, string? password = null) => Sshd.Host with
    {
        User = user,
        Become = true,
        BecomePassword = password is null ? null : new SecretValue("test", password),
    };

    /// <inheritdoc />
    [SupportedOSPlatform("linux")]
    public async Task InitializeAsync()
    {
        RequireSudo();
        await Sshd.InitializeAsync();

        // The users' homes are in the work directory, and sshd reads authorized_keys as the user: both need the way in.
        File.SetUnixFileMode(Sshd.WorkDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        foreach (var user in Users)
        {
            var home = Path.Combine(Sshd.WorkDirectory, "home-" + user);
            await LocalProcess.RunAsync("useradd", "--create-home", "--home-dir", home, "--shell", "/bin/sh", user);
        }

        // A locked password (useradd's default) makes sshd refuse even a key when PAM is off: every user gets one.
        await LocalProcess.RunWithInputAsync(string.Concat(Users.Select(u => $"{u}:{Password}\n")), "chpasswd");
        var rules = $"Defaults:{PasswordSudoUser} lecture=never\n" +
            $"Defaults:{NoSudoUser} lecture=never\n" +
            $"{PasswordlessSudoUser} ALL=(ALL) NOPASSWD: ALL\n" +
            $"{PasswordSudoUser} ALL=(ALL) ALL\n";
        var staged = Path.Combine(Sshd.WorkDirectory, "sudoers");
        await File.WriteAllTextAsync(staged, rules);
        await LocalProcess.RunAsync("visudo", "-c", "-q", "-f", staged);
        File.SetUnixFileMode(staged, UnixFileMode.UserRead | UnixFileMode.GroupRead);
        File.Move(staged, SudoersFile);
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        File.Delete(SudoersFile);
        foreach (var user in Users)
        {
            try
            {
                await LocalProcess.RunAsync("userdel", "--force", "--remove", user);
            }
            catch (InvalidOperationException)
            {
                // Never created (a failed start) or already gone.
            }
        }

        await Sshd.DisposeAsync();
    }

    private static void RequireSudo()
    {
        if (!File.Exists("/usr/bin/sudo"))
        {
            throw new InvalidOperationException("sudo is missing: the become contract needs it on the loopback host. Install it (apt-get install sudo); .ci/run does.");
        }
    }
}
