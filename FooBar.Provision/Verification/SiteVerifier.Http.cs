using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Security.Authentication;
using System.Text;
using System.Text.RegularExpressions;

namespace FooBar.Provision.Verification;

/// <summary>The HTTP half: one GET through the host's address, with the checked name as Host header.</summary>
public sealed partial class SiteVerifier
{
    private const int MaxBodyBytes = 1024 * 1024;
    private const int SnippetLength = 160;
    // The package version (from the git tag), without the commit: FooBar.Provision-verify/0.2.0.
    private static readonly string UserAgent = "FooBar.Provision-verify/" +
        (typeof(SiteVerifier).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0");

    private async Task<HttpCheck> CheckHttpAsync(IPAddress address, SiteTarget target, string name, CancellationToken cancellationToken)
    {
        var host = address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
        var port = target.Port is { } p && p != (target.Scheme == "https" ? 443 : 80) ? $":{p}" : "";
        var url = new Uri($"{target.Scheme}://{host}{port}{target.Path}");
        var text = target.TextFor(name);
        var hostHeader = name + port; // as a browser sends it: the port only when it is not the scheme's default
        var check = new HttpCheck(url.ToString(), hostHeader, target.ExpectedStatus, text, null, false);
        using var timeout = new CancellationTokenSource(_options.Timeout, _options.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        using var invoker = new HttpMessageInvoker(target.Insecure ? _options.InsecureHandler ?? _handler : _handler, disposeHandler: false);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Host = hostHeader;
        request.Headers.UserAgent.ParseAdd(UserAgent);
        request.Headers.Accept.ParseAdd("text/html, */*");
        try
        {
            using var response = await invoker.SendAsync(request, linked.Token).ConfigureAwait(false);
            var body = await ReadBodyAsync(response.Content, linked.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            var found = body.Contains(text, StringComparison.Ordinal);
            var html = response.Content.Headers.ContentType?.MediaType is "text/html" or "application/xhtml+xml";
            return check with { StatusCode = status, TextFound = found, Snippet = found && status == target.ExpectedStatus ? null : Snippet(body, html) };
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return check with { Error = $"no response within {_options.Timeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s" };
        }
        catch (HttpRequestException e)
        {
            var tls = e.InnerException as AuthenticationException;
            var detail = tls is null ? e.Message : $"TLS handshake failed: {tls.Message}" + (target.Insecure ? "" : " (for a self-signed certificate set verify_insecure: true)");
            return check with { Error = detail };
        }
        catch (IOException e)
        {
            return check with { Error = $"the response broke off: {e.Message}" };
        }
    }

    private static async Task<string> ReadBodyAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new byte[MaxBodyBytes];
            var length = 0;
            int read;
            while (length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
            {
                length += read;
            }

            return Encoding.UTF8.GetString(buffer, 0, length);
        }
    }

    /// <summary>The start of the body with whitespace collapsed; for HTML, the visible text (no head, scripts, styles or tags).</summary>
    private static string Snippet(string body, bool html)
    {
        var timeout = TimeSpan.FromSeconds(1);
        body = body.Length > 65536 ? body[..65536] : body;
        try
        {
            if (html)
            {
                var visible = Regex.Replace(body, @"<(head|script|style)\b.*?</\1\s*>", " ", RegexOptions.IgnoreCase | RegexOptions.Singleline, timeout);
                body = WebUtility.HtmlDecode(Regex.Replace(visible, "<[^>]*>", " ", RegexOptions.None, timeout));
            }
        }
        catch (RegexMatchTimeoutException)
        {
            // a pathological page: show it raw
        }

        var collapsed = Regex.Replace(body, @"\s+", " ", RegexOptions.None, timeout).Trim();
        return collapsed.Length <= SnippetLength ? collapsed : collapsed[..SnippetLength] + "…";
    }

    private static string DescribeHttp(HttpCheck http)
    {
        var get = $"GET {http.Url} (Host: {http.HostHeader})";
        if (http.Error is not null)
        {
            return $"{get} failed: {http.Error}";
        }

        if (http.StatusCode != http.ExpectedStatus)
        {
            return $"{get}: {http.StatusCode}, expected {http.ExpectedStatus}; the body starts: \"{http.Snippet}\"";
        }

        return http.TextFound
            ? $"{get}: {http.StatusCode}, body contains \"{http.ExpectedText}\""
            : $"{get}: {http.StatusCode}, but the body does not contain \"{http.ExpectedText}\"; it starts: \"{http.Snippet}\"";
    }
}
