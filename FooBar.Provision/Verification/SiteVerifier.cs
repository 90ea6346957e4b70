using System.Net;
using FooBar.Provision.Inventory;
using FooBar.Provision.Variables;

namespace FooBar.Provision.Verification;

/// <summary>Checks that each host's site is reachable as a browser would reach it: the name resolves to the host,
/// and a GET through the host's address with the site's Host header returns the expected status and text.</summary>
/// <remarks>
/// Read-only: it sends DNS queries and HTTP GETs, nothing else, and never connects over SSH. Every host's
/// variables are validated before anything is contacted. Hosts are checked in parallel (bounded); the names of
/// one host one after another. A timeout fails the check it hit, not the run.
/// </remarks>
public sealed partial class SiteVerifier
{
    private readonly IDnsResolver _resolver;
    private readonly HttpMessageHandler _handler;
    private readonly SiteVerifierOptions _options;

    /// <summary>Creates a verifier.</summary>
    /// <param name="resolver">How names are resolved: <see cref="SystemDnsResolver"/> or <see cref="DnsServerResolver"/>.</param>
    /// <param name="handler">Sends the HTTP requests (see <see cref="SiteHttpHandlers.Create"/>); not disposed by the verifier.</param>
    /// <param name="options">Timeout, parallelism, the handler for <c>verify_insecure</c> hosts, the clock.</param>
    public SiteVerifier(IDnsResolver resolver, HttpMessageHandler handler, SiteVerifierOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        ArgumentNullException.ThrowIfNull(handler);
        _resolver = resolver;
        _handler = handler;
        _options = options ?? new SiteVerifierOptions();
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_options.Timeout, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxParallelHosts, 1, nameof(options));
    }

    /// <summary>Checks every host of <paramref name="hosts"/> that has a <c>domain</c> variable; the others are skipped.</summary>
    /// <param name="hosts">The selected hosts, in the order the report lists them.</param>
    /// <param name="cancellationToken">Stops the run (Ctrl+C).</param>
    /// <exception cref="VariableException">A host's verify variables are invalid; nothing was contacted.</exception>
    public async Task<VerifyReport> VerifyAsync(IReadOnlyList<HostEntry> hosts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        var started = _options.TimeProvider.GetTimestamp();
        var targets = hosts.Select(h => (Host: h, Target: SiteTarget.FromHost(h))).ToArray();
        using var gate = new SemaphoreSlim(_options.MaxParallelHosts);
        var results = await Task.WhenAll(targets.Select(async t =>
        {
            if (t.Target is null)
            {
                return new HostVerification(t.Host.Name, t.Host.Address, [], "no domain variable");
            }

            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return await VerifyHostAsync(t.Host, t.Target, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                gate.Release();
            }
        })).ConfigureAwait(false);
        return new VerifyReport(results, _options.TimeProvider.GetElapsedTime(started));
    }

    // The site's address: verify_address (a virtual IP in front of the host), else the host's inventory address.
    private async Task<HostVerification> VerifyHostAsync(HostEntry host, SiteTarget target, CancellationToken cancellationToken)
    {
        var siteAddress = target.Address ?? host.Address;
        IReadOnlyList<IPAddress> hostAddresses;
        try
        {
            hostAddresses = await _resolver.ResolveAsync(siteAddress, cancellationToken).ConfigureAwait(false);
            if (hostAddresses.Count == 0)
            {
                throw new DnsException(DnsFailure.NoAddress, $"{siteAddress} resolved to no address");
            }
        }
        catch (DnsException e)
        {
            var message = $"cannot resolve {host.Name}'s {(target.Address is null ? "address" : "verify_address")} {siteAddress}: {e.Message}";
            var failed = target.Names.Select(n => new SiteCheck(host.Name, n, SiteCheckStatus.DnsFailed, new DnsCheck([], [], false, message), null, message, null, TimeSpan.Zero));
            return new HostVerification(host.Name, siteAddress, failed.ToArray());
        }

        var checks = new List<SiteCheck>();
        foreach (var name in target.Names)
        {
            checks.Add(await CheckAsync(host, siteAddress, hostAddresses, target, name, cancellationToken).ConfigureAwait(false));
        }

        return new HostVerification(host.Name, siteAddress, checks);
    }

    private async Task<SiteCheck> CheckAsync(HostEntry host, string siteAddress, IReadOnlyList<IPAddress> hostAddresses, SiteTarget target, string name, CancellationToken cancellationToken)
    {
        var started = _options.TimeProvider.GetTimestamp();
        var dns = await CheckDnsAsync(name, hostAddresses, cancellationToken).ConfigureAwait(false);
        var http = await CheckHttpAsync(hostAddresses[0], target, name, cancellationToken).ConfigureAwait(false);
        var status = dns.Error is not null ? SiteCheckStatus.DnsFailed
            : !dns.Matches ? SiteCheckStatus.DnsMismatch
            : http.Error is not null ? SiteCheckStatus.HttpError
            : http.StatusCode != http.ExpectedStatus ? SiteCheckStatus.WrongStatus
            : !http.TextFound ? SiteCheckStatus.TextMissing
            : SiteCheckStatus.Passed;
        var message = $"{DescribeDns(name, dns)}; {DescribeHttp(http)}";
        var warning = dns.Error is null && !dns.Matches ? MismatchWarning(host, siteAddress, target.Address is not null, name, dns) : null;
        return new SiteCheck(host.Name, name, status, dns, http, message, warning, _options.TimeProvider.GetElapsedTime(started));
    }
}
