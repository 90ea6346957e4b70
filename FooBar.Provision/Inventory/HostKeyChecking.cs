namespace FooBar.Provision.Inventory;

/// <summary>How strictly a host's SSH key is checked against known_hosts.</summary>
public enum HostKeyChecking
{
    /// <summary>The key must already be in known_hosts and match (the default).</summary>
    Strict,

    /// <summary>An unknown host's key is recorded on first contact; a changed key is still refused.</summary>
    AcceptNew,
}
