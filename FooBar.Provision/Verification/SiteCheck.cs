namespace FooBar.Provision.Verification;

/// <summary>The check of one name (the domain or an alias) of one host.</summary>
/// <param name="Host">The inventory name of the host.</param>
/// <param name="Name">The checked name.</param>
/// <param name="Status">The outcome (a DNS problem wins over an HTTP one).</param>
/// <param name="Dns">Where the name points.</param>
/// <param name="Http">The GET through the host's address, or null when the host's address could not be resolved.</param>
/// <param name="Message">One human line: what was seen.</param>
/// <param name="Warning">A warning with what to do (for a DNS mismatch), or null.</param>
/// <param name="Duration">Wall time of the check.</param>
public sealed record SiteCheck(string Host, string Name, SiteCheckStatus Status, DnsCheck Dns, HttpCheck? Http, string Message, string? Warning, TimeSpan Duration)
{
    /// <summary>True when the check passed.</summary>
    public bool Passed => Status == SiteCheckStatus.Passed;

    /// <summary>The status as printed and in JSON: <c>passed</c>, <c>dns-mismatch</c>, <c>dns-failed</c>, <c>http-error</c>, <c>wrong-status</c>, <c>text-missing</c>.</summary>
    public string StatusName => Status switch
    {
        SiteCheckStatus.Passed => "passed",
        SiteCheckStatus.DnsMismatch => "dns-mismatch",
        SiteCheckStatus.DnsFailed => "dns-failed",
        SiteCheckStatus.HttpError => "http-error",
        SiteCheckStatus.WrongStatus => "wrong-status",
        _ => "text-missing",
    };
}
