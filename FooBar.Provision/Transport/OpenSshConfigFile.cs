using FooBar.Provision.Transport.SshNet.Config;

namespace FooBar.Provision.Transport;

/// <summary>The ssh configuration file the OpenSSH transport gives ssh (<c>-F</c>): the one <c>FOOBAR_SSH_CONFIG</c> names for both transports.</summary>
internal static class OpenSshConfigFile
{
    /// <summary>
    /// <c>none</c>, or the full path <c>FOOBAR_SSH_CONFIG</c> names (<c>~</c> expanded as the SSH.NET reader expands it); null
    /// when it is unset, so ssh reads its own defaults (<c>~/.ssh/config</c>, then <c>/etc/ssh/ssh_config</c>).
    /// </summary>
    public static string? FromEnvironment(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var named = environment(SshConfig.PathVariable);
        if (string.IsNullOrEmpty(named))
        {
            return null;
        }

        if (string.Equals(named, "none", StringComparison.Ordinal))
        {
            return named;
        }

        var home = environment("HOME") ?? environment("USERPROFILE") ?? Path.GetTempPath();
        return Path.GetFullPath(SshConfig.Expand(named, home));
    }
}
