namespace FooBar.Provision.Verification;

/// <summary>A DNS lookup failed; <see cref="Failure"/> says how.</summary>
public sealed class DnsException : ProvisionException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="failure">Why the lookup failed.</param>
    /// <param name="message">What failed and where (the name and the server).</param>
    /// <param name="hint">What to do about it.</param>
    /// <param name="inner">The underlying error, if any.</param>
    public DnsException(DnsFailure failure, string message, string? hint = null, Exception? inner = null)
        : base(message, hint, inner) => Failure = failure;

    /// <summary>Why the lookup failed.</summary>
    public DnsFailure Failure { get; }
}
