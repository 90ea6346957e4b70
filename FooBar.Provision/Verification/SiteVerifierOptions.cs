namespace FooBar.Provision.Verification;

/// <summary>Settings of a <see cref="SiteVerifier"/>.</summary>
public sealed class SiteVerifierOptions
{
    /// <summary>How long one DNS lookup or one HTTP request may take (default 10 s).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How many hosts are checked at once (default 8).</summary>
    public int MaxParallelHosts { get; init; } = 8;

    /// <summary>The handler for hosts with <c>verify_insecure: true</c> (one that accepts any certificate); null uses the normal handler.</summary>
    public HttpMessageHandler? InsecureHandler { get; init; }

    /// <summary>The clock for timeouts and durations.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
