using System.Net;
using System.Text.RegularExpressions;

namespace FooBar.Provision.EndToEndTests;

/// <summary>HTTP requests to a lab host's address with the site's Host header, as a browser sends them after DNS.</summary>
/// <remarks>Redirects are never followed: a redirect names the public site, and nothing but the lab may be contacted.</remarks>
internal static partial class Site
{
    private static readonly HttpClient Client = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(1), AllowAutoRedirect = false, UseProxy = false }) { Timeout = TimeSpan.FromSeconds(10) };

    public static Task<HttpResponseMessage> GetAsync(int host, string domain, string path) => GetAsync(Lab.Address(host), domain, path);

    public static async Task<HttpResponseMessage> GetAsync(string address, string domain, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://{address}{path}");
        request.Headers.Host = domain;
        return await Client.SendAsync(request);
    }

    public static async Task<int> VisitsAsync(int host, string domain)
    {
        using var response = await GetAsync(host, domain, "/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return ParseVisits(await response.Content.ReadAsStringAsync());
    }

    /// <summary>The visit counter of the app's page.</summary>
    public static int ParseVisits(string page) => int.Parse(Visits().Match(page).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex("""<p id="visits">(\d+)</p>""")]
    private static partial Regex Visits();
}
