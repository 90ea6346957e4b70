namespace FooBar.Provision.Transport;

/// <summary>Opening a master connection failed in a way that may pass (refused, reset, closed during the handshake): it may be tried again.</summary>
/// <remarks>Only thrown inside the retry of <see cref="OpenSshConnection"/>; it never reaches a caller.</remarks>
internal sealed class TransientConnectionException(string message) : Exception(message);
