using System.Diagnostics;
using System.Net;

namespace FooBar.Provision.EndToEndTests;

/// <summary>
/// A bounded request loop through the virtual IP, as a visitor sends it after DNS (Host: www.ha.foobar.com): one request
/// at a time, <c>GET /health</c> (the app answers it only with its database), at most <c>maxRequests</c>, for at most
/// <c>maxDuration</c>, and no longer than the token allows. Every answer is recorded with its time on <see cref="Clock"/>;
/// read the figures once the loop has ended.
/// </summary>
internal sealed class VipLoad
{
    // A connection is never reused for long: after a failover the old one would point at the other load balancer.
    private static readonly HttpClient Client = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(1), AllowAutoRedirect = false, UseProxy = false, ConnectTimeout = TimeSpan.FromSeconds(2) }) { Timeout = TimeSpan.FromSeconds(5) };
    private readonly List<(double At, bool Ok, string? Error)> _answers = [];

    /// <summary>The clock every answer's time is read from (started with the loop; events of a test are marked on it).</summary>
    public Stopwatch Clock { get; } = new();

    public int Sent => _answers.Count;

    public int Failed => _answers.Count(a => !a.Ok);

    /// <summary>The distinct errors seen, at most five.</summary>
    public IReadOnlyList<string> Errors => _answers.Where(a => a.Error is not null).Select(a => a.Error ?? "").Distinct().Take(5).ToArray();

    /// <summary>Requests that failed at or after <paramref name="from"/> seconds on <see cref="Clock"/>.</summary>
    public int FailedAfter(double from) => _answers.Count(a => !a.Ok && a.At >= from);

    /// <summary>Requests sent at or after <paramref name="from"/> seconds on <see cref="Clock"/>.</summary>
    public int SentAfter(double from) => _answers.Count(a => a.At >= from);

    /// <summary>
    /// Seconds from <paramref name="from"/> until the site answered again after its first failure at or after that time:
    /// 0 when nothing failed, null when it never answered again.
    /// </summary>
    public double? OutageAfter(double from)
    {
        var firstFailure = _answers.FindIndex(a => !a.Ok && a.At >= from);
        if (firstFailure < 0)
        {
            return 0;
        }

        var lastFailure = _answers.FindLastIndex(a => !a.Ok);
        return _answers.Skip(lastFailure + 1).Select(a => (double?)a.At).FirstOrDefault() - from;
    }

    public async Task RunAsync(int maxRequests, TimeSpan maxDuration, TimeSpan pace, CancellationToken token)
    {
        Clock.Start();
        while (_answers.Count < maxRequests && Clock.Elapsed < maxDuration && !token.IsCancellationRequested)
        {
            string? error;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, $"http://{HaLab.VirtualIp}/health");
                request.Headers.Host = HaLab.Domain;
                using var response = await Client.SendAsync(request, CancellationToken.None);
                error = response.StatusCode == HttpStatusCode.OK ? null : $"HTTP {(int)response.StatusCode}";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                error = e.InnerException?.Message ?? e.Message;
            }

            _answers.Add((Clock.Elapsed.TotalSeconds, error is null, error));

            await Task.Delay(pace, CancellationToken.None);
        }
    }

    public override string ToString() => $"{Sent} sent, {Failed} failed{(Failed == 0 ? "" : $" ({string.Join("; ", Errors)})")}";
}
