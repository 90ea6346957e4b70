namespace FooBar.Provision.Verification;

/// <summary>The outcome of checking one name of a site.</summary>
public enum SiteCheckStatus
{
    /// <summary>The name resolves to the host and the page answered as expected.</summary>
    Passed,

    /// <summary>The name resolves, but not (only) to the host's address: browsers will not reach this host.</summary>
    DnsMismatch,

    /// <summary>The name (or the host's own address) could not be resolved.</summary>
    DnsFailed,

    /// <summary>The request through the host's address failed: refused, timed out, TLS error.</summary>
    HttpError,

    /// <summary>The page answered with another HTTP status than expected.</summary>
    WrongStatus,

    /// <summary>The page answered, but its body lacks the expected text.</summary>
    TextMissing,
}
