namespace FooBar.Provision.Verification;

/// <summary>Why a DNS lookup failed.</summary>
public enum DnsFailure
{
    /// <summary>The name does not exist (NXDOMAIN).</summary>
    NameNotFound,

    /// <summary>The name exists but has no address record of the asked type.</summary>
    NoAddress,

    /// <summary>No answer arrived within the timeout.</summary>
    Timeout,

    /// <summary>The server answered with an error (SERVFAIL, REFUSED, …) or could not be reached.</summary>
    ServerFailure,

    /// <summary>The answer was cut short (truncated, TC flag) or could not be parsed.</summary>
    Malformed,

    /// <summary>The name itself is not a valid DNS name.</summary>
    InvalidName,
}
