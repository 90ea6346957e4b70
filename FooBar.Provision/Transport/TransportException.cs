namespace FooBar.Provision.Transport;

/// <summary>A host could not be reached or used over its transport.</summary>
public class TransportException : ProvisionException
{
    /// <summary>Creates the exception.</summary>
    public TransportException(string hostName, string message, string? hint = null, Exception? inner = null)
        : base($"{hostName}: {message}", hint, inner) => HostName = hostName;

    /// <summary>The inventory name of the host.</summary>
    public string HostName { get; }
}

/// <summary>Nothing answered at the host's address and port (refused, timed out, no route, unknown name).</summary>
public sealed class HostUnreachableException(string hostName, string message, string? hint = null)
    : TransportException(hostName, message, hint);

/// <summary>The host answered but refused our credentials.</summary>
public sealed class AuthenticationFailedException(string hostName, string message, string? hint = null)
    : TransportException(hostName, message, hint);

/// <summary>The host's key is not the one known_hosts records (changed or unknown): we refuse to talk to it.</summary>
public sealed class HostKeyMismatchException(string hostName, string message, string? hint = null)
    : TransportException(hostName, message, hint);

/// <summary>A command ran longer than its timeout and was stopped.</summary>
public sealed class CommandTimeoutException(string hostName, string message, string? hint = null)
    : TransportException(hostName, message, hint);
