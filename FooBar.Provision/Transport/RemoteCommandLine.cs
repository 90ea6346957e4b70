using System.Text;
using FooBar.Provision.Inventory;

namespace FooBar.Provision.Transport;

/// <summary>Turns a script into the command line the host's login shell runs, with sudo when the host asks for become.</summary>
/// <remarks>
/// The script is always one quoted word (a hole of a <see cref="ShellScript"/>). A sudo password never appears on a command
/// line: it is the first line of standard input, read by <c>sudo -S</c>.
/// </remarks>
internal static class RemoteCommandLine
{
    /// <summary>
    /// With a password, sudo reads it from stdin only when it asks for one (not for root, NOPASSWD or a cached ticket):
    /// this wrapper asks sudo first and, when no password is needed, discards the password line itself, so the
    /// password can never reach the command's stdin (or a file written from it).
    /// </summary>
    private const string PasswordSudoWrapper =
        "if sudo -n true 2>/dev/null; then read -r _; exec sudo -n -- sh -c \"$1\"; fi; " +
        "exec sudo -k -S -p '' -- sh -c \"$1\"";

    /// <summary>The remote command line that runs <paramref name="script"/> on <paramref name="host"/>.</summary>
    public static string For(HostEntry host, string script)
    {
        ShellScript line;
        if (!host.Become)
        {
            line = $"sh -c {script}";
        }
        else if (host.BecomePassword is null)
        {
            line = $"sudo -n -- sh -c {script}";
        }
        else
        {
            line = $"sh -c {PasswordSudoWrapper} sh {script}";
        }

        return line.Text;
    }

    /// <summary>The bytes to send on stdin: the sudo password line when there is one, then the command's own input.</summary>
    /// <param name="host">The host.</param>
    /// <param name="input">The command's own input, or null.</param>
    /// <param name="secretBuffer">The buffer holding the password, for the caller to clear after use; null when none.</param>
    public static ReadOnlyMemory<byte> StandardInput(HostEntry host, ReadOnlyMemory<byte>? input, out byte[]? secretBuffer)
    {
        var data = input ?? ReadOnlyMemory<byte>.Empty;
        if (!host.Become || host.BecomePassword is not { } password)
        {
            secretBuffer = null;
            return data;
        }

        var secret = Encoding.UTF8.GetBytes(password.Reveal() + "\n");
        secretBuffer = new byte[secret.Length + data.Length];
        secret.CopyTo(secretBuffer, 0);
        data.Span.CopyTo(secretBuffer.AsSpan(secret.Length));
        Array.Clear(secret);
        return secretBuffer;
    }
}
