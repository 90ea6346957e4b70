namespace FooBar.Provision.Rolling;

/// <summary>The administrative state a load balancer gives a backend server.</summary>
public enum DrainState
{
    /// <summary>In rotation: receives new requests (when its health check passes).</summary>
    Ready,

    /// <summary>Draining: finishes the requests it has, receives no new ones; its health check keeps running.</summary>
    Drain,

    /// <summary>Maintenance: out of rotation until set ready.</summary>
    Maint,
}
