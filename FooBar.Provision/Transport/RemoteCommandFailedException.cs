namespace FooBar.Provision.Transport;

/// <summary>A remote command that had to succeed (such as writing a file) exited with a non-zero code.</summary>
/// <remarks>
/// <see cref="IHostConnection.RunAsync"/> never throws this: a command's own exit code is a result there.
/// <see cref="StandardError"/> is the remote output as received; mask secrets before showing it.
/// </remarks>
public sealed class RemoteCommandFailedException : TransportException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="hostName">The inventory name of the host.</param>
    /// <param name="message">What failed, for example <c>writing /etc/nginx/nginx.conf failed</c>.</param>
    /// <param name="exitCode">The exit code of the remote command.</param>
    /// <param name="standardError">What the remote command wrote to stderr.</param>
    /// <param name="hint">What the user can do about it, when known.</param>
    public RemoteCommandFailedException(string hostName, string message, int exitCode, string standardError, string? hint = null)
        : base(hostName, message, hint)
    {
        ExitCode = exitCode;
        StandardError = standardError;
    }

    /// <summary>The exit code of the remote command.</summary>
    public int ExitCode { get; }

    /// <summary>What the remote command wrote to stderr.</summary>
    public string StandardError { get; }
}
