using FooBar.Provision.Tests.Transport;

namespace FooBar.Provision.Tests.Roles.AppServer;

/// <summary>The php-fpm health check script, run for real by sh against a stand-in cgi-fcgi that answers as php-fpm does.</summary>
public sealed class HealthCheckScriptTests
{
    [Theory]
    [InlineData("Status: 500 Internal Server Error\r\nContent-type: text/html; charset=UTF-8\r\n\r\n", 1)]
    [InlineData("Status: 503 Service Unavailable\r\nContent-type: text/plain\r\n\r\ndatabase unavailable", 1)]
    [InlineData("X-Served-By: foobar-app\r\nContent-type: text/plain\r\n\r\nok", 0)]
    [InlineData("Status: 301 Moved Permanently\r\nLocation: /x\r\n\r\n", 0)]
    public void The_php_fpm_check_passes_on_answers_below_400_and_fails_on_errors(string answer, int exit)
    {
        var result = Run(answer, succeed: true);

        Assert.True(exit == result.Exit, result.Error);
        if (exit != 0)
        {
            Assert.Contains("did not answer GET /health", result.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_parse_error_that_php_fpm_reports_on_stderr_before_its_500_fails_the_check()
    {
        var result = Run("Status: 500 Internal Server Error\r\nContent-type: text/html\r\n\r\n", succeed: true, stderr: "PHP message: PHP Parse error:  syntax error, unexpected identifier \"is\" in index.php on line 190\n\n");

        Assert.Equal(1, result.Exit);
        Assert.Contains("HTTP 500 PHP message: PHP Parse error", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_answer_fails_the_check() => Assert.Equal(1, Run("", succeed: true).Exit);

    [Fact]
    public void The_php_fpm_check_fails_when_the_pool_does_not_answer()
    {
        var result = Run("Could not connect to /run/php/foobar-fpm.sock", succeed: false);

        Assert.Equal(1, result.Exit);
        Assert.Contains("Could not connect", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(200, 0)]
    [InlineData(503, 1)]
    public void The_gunicorn_check_asks_the_health_path_on_the_bind_address(int status, int exit)
    {
        using var server = new HealthServer(status);
        var check = AppServerFixture.Build(new Dictionary<string, object?> { ["app_bind"] = $"127.0.0.1:{server.Port}", ["app_health_retries"] = 2L }, AppServerFixture.WithoutSystemd)
            .Handlers.Single(h => h.Name == "reload app-server").CheckScript!;

        var result = Shell(check.Text, new Dictionary<string, string>());

        Assert.True(exit == result.Exit, result.Error);
        Assert.All(server.Paths, p => Assert.Equal("/health", p));
        Assert.True(server.Paths.Count >= 2);
        if (exit != 0)
        {
            Assert.Contains("HTTP 503", result.Error, StringComparison.Ordinal);
        }
    }

    private static (int Exit, string Error) Shell(string script, Dictionary<string, string> environment)
    {
        var (exit, _, error) = LocalProcess.Shell(script, environment);
        return (exit, error);
    }

    private static (int Exit, string Error) Run(string answer, bool succeed, string stderr = "")
    {
        var stub = Directory.CreateTempSubdirectory("fbp-cgi-fcgi-").FullName;
        File.WriteAllText(Path.Combine(stub, "answer"), answer);
        File.WriteAllText(Path.Combine(stub, "stderr"), stderr);
        File.WriteAllText(Path.Combine(stub, "cgi-fcgi"), $"#!/bin/sh\ncat '{stub}/stderr' >&2\ncat '{stub}/answer'\nexit {(succeed ? 0 : 1)}\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Path.Combine(stub, "cgi-fcgi"), UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.UserWrite);
        }

        var check = AppServerFixture.Build(new Dictionary<string, object?> { ["app_server_kind"] = "php-fpm", ["app_health_retries"] = 2L })
            .Handlers.Single(h => h.Name == "reload app-server").CheckScript!;
        return Shell(check.Text, new Dictionary<string, string> { ["PATH"] = stub + ":" + Environment.GetEnvironmentVariable("PATH") });
    }

    // A loopback HTTP server that answers every request with one status and records the paths asked for.
    private sealed class HealthServer : IDisposable
    {
        private readonly System.Net.Sockets.TcpListener _listener = new(System.Net.IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();

        public HealthServer(int status)
        {
            _listener.Start();
            _ = ServeAsync(status);
        }

        public int Port => ((System.Net.IPEndPoint)_listener.LocalEndpoint).Port;

        public System.Collections.Concurrent.ConcurrentQueue<string> Paths { get; } = new();

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            _stop.Dispose();
        }

        private async Task ServeAsync(int status)
        {
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                    var stream = client.GetStream();
                    using var reader = new StreamReader(stream, leaveOpen: true);
                    var request = await reader.ReadLineAsync(_stop.Token) ?? "";
                    Paths.Enqueue(request.Split(' ').ElementAtOrDefault(1) ?? "");
                    while (!string.IsNullOrEmpty(await reader.ReadLineAsync(_stop.Token)))
                    {
                    }

                    var answer = System.Text.Encoding.ASCII.GetBytes($"HTTP/1.1 {status} X\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok");
                    await stream.WriteAsync(answer, _stop.Token);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or System.Net.Sockets.SocketException)
            {
            }
        }
    }
}
