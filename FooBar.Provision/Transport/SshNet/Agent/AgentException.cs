namespace FooBar.Provision.Transport.SshNet.Agent;

/// <summary>The ssh-agent could not be reached, refused a request, or answered something that is not its protocol.</summary>
internal sealed class AgentException(string message, Exception? inner = null) : Exception(message, inner);
