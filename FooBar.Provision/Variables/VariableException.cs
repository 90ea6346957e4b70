namespace FooBar.Provision.Variables;

/// <summary>A variable is missing or has the wrong type.</summary>
public sealed class VariableException(string message, string? hint = null) : ProvisionException(message, hint);
