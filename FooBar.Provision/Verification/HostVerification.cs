namespace FooBar.Provision.Verification;

/// <summary>Every check of one host, or why it was skipped.</summary>
/// <param name="Host">The inventory name.</param>
/// <param name="Address">The inventory address (what the site's names should point at).</param>
/// <param name="Checks">One check per name (domain first, then aliases); empty when skipped.</param>
/// <param name="SkipReason">Why the host was not checked (for example no <c>domain</c> variable), or null.</param>
public sealed record HostVerification(string Host, string Address, IReadOnlyList<SiteCheck> Checks, string? SkipReason = null)
{
    /// <summary>True when the host was not checked.</summary>
    public bool Skipped => SkipReason is not null;

    /// <summary>True when the host was checked and every check passed.</summary>
    public bool Passed => !Skipped && Checks.All(c => c.Passed);

    /// <summary><c>passed</c>, <c>failed</c> or <c>skipped</c>.</summary>
    public string StatusName => Skipped ? "skipped" : Passed ? "passed" : "failed";
}
