namespace FooBar.Provision.Resources;

/// <summary>Applying a resource failed on the host.</summary>
public sealed class ResourceFailedException(string message, string? hint = null) : ProvisionException(message, hint);
