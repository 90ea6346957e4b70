namespace FooBar.Provision.Transport;

/// <summary>Opening a master connection failed in a way that may pass (refused, reset, closed during the handshake): it may be tried again.</summary>
/// <remarks>Only thrown inside <see cref="ConnectRetry"/>'s pipeline (opening an OpenSSH master or an SSH.NET connection); it never reaches a caller.</remarks>
internal sealed class TransientConnectionException(string message) : Exception(message)
{
    /// <summary>The jump host (<c>user@address:port</c>) whose own connection failed, or null when it was the host's.</summary>
    public string? JumpHost { get; init; }
}
