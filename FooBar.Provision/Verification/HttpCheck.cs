namespace FooBar.Provision.Verification;

/// <summary>The HTTP half of a check: one GET through the host's address with the site's Host header.</summary>
/// <param name="Url">The URL requested (the host's address, not the name).</param>
/// <param name="HostHeader">The Host header sent (the checked name).</param>
/// <param name="ExpectedStatus">The status expected.</param>
/// <param name="ExpectedText">The text the body must contain.</param>
/// <param name="StatusCode">The status received, or null when no response came.</param>
/// <param name="TextFound">True when the body contains <paramref name="ExpectedText"/>.</param>
/// <param name="Snippet">The start of the body (whitespace collapsed), when the text was missing or the status wrong.</param>
/// <param name="Error">Why no response came (refused, timeout, TLS), or null.</param>
public sealed record HttpCheck(string Url, string HostHeader, int ExpectedStatus, string ExpectedText, int? StatusCode, bool TextFound, string? Snippet = null, string? Error = null)
{
    /// <summary>True when the status was the expected one and the body contained the text.</summary>
    public bool Passed => StatusCode == ExpectedStatus && TextFound;
}
