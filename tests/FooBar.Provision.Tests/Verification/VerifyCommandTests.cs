using System.CommandLine;
using System.Net;
using System.Text.Json;
using FooBar.Provision.Cli;
using FooBar.Provision.Cli.Commands;
using FooBar.Provision.Roles;
using FooBar.Provision.Tests.Cli;
using FooBar.Provision.Tests.Inventory;

namespace FooBar.Provision.Tests.Verification;

public sealed class VerifyCommandTests : IDisposable
{
    private const string LabInventory = """
        groups:
          web:
            hosts: [lab1, lab2]
            vars: { domain: www.foobar.com, domain_aliases: [foobar.com] }
        hosts:
          lab1: { address: 10.99.1.2 }
          lab2: { address: 10.99.2.2 }
          lab3: { address: 10.99.3.2 }
        """;

    private readonly TempDirectory _directory = new();
    private readonly FakeDnsResolver _dns = new FakeDnsResolver().With("www.foobar.com", "10.99.1.2").With("foobar.com", "10.99.1.2");
    private readonly FakeHttpHandler _http = FakeHttpHandler.Answering(HttpStatusCode.OK, "<h1>Hello from www.foobar.com</h1>");
    private IPEndPoint? _dnsServer;

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task The_text_listing_has_a_line_per_check_a_warning_per_mismatch_the_skipped_hosts_and_a_recap()
    {
        var result = await RunAsync("verify", Inventory());

        Assert.Equal(1, result.ExitCode);
        var lines = result.Stdout.Split('\n');
        Assert.Contains(lines, l => l.StartsWith("lab1  www.foobar.com  passed ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("lab2  foobar.com      dns-mismatch  ", StringComparison.Ordinal));
        Assert.Contains("WARNING www.foobar.com resolves to 10.99.1.2, not to lab2's address 10.99.2.2: the DNS record still points elsewhere", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("lab3  skipped (no domain variable)", result.Stdout, StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("lab2  passed=0 failed=2", StringComparison.Ordinal) && l.EndsWith("FAILED", StringComparison.Ordinal));
        Assert.Contains("verify of 3 hosts finished in ", result.Stdout, StringComparison.Ordinal);
        Assert.Contains(": 4 checks, 2 passed, 1 host(s) skipped; 2 failed (exit 1)", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_check_passing_exits_0()
    {
        var result = await RunAsync("verify", Inventory(), "--limit", "lab1");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(": 2 checks, 2 passed; all passed", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(["http://10.99.1.2/", "http://10.99.1.2/"], _http.Requests.Select(r => r.Uri?.ToString()));
    }

    [Fact]
    public async Task A_slice_verifies_only_its_share_of_the_hosts()
    {
        var result = await RunAsync("verify", Inventory(), "--slice", "1/2");

        // lab1, lab2, lab3 by name: slice 1 of 2 holds lab1 and lab3.
        Assert.Contains("verify of 2 hosts finished in ", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("lab3  skipped (no domain variable)", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("lab2", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(["http://10.99.1.2/", "http://10.99.1.2/"], _http.Requests.Select(r => r.Uri?.ToString()));
    }

    [Fact]
    public async Task The_JSON_document_carries_the_same_checks()
    {
        var result = await RunAsync("verify", Inventory(), "--output", "json");

        using var document = JsonDocument.Parse(result.Stdout);
        var root = document.RootElement;
        Assert.Equal(("verify", 1), (root.GetProperty("mode").GetString(), root.GetProperty("exitCode").GetInt32()));
        var lab2 = root.GetProperty("hosts")[1];
        Assert.Equal("failed", lab2.GetProperty("status").GetString());
        var check = lab2.GetProperty("checks")[0];
        Assert.Equal("dns-mismatch", check.GetProperty("status").GetString());
        Assert.Equal("10.99.1.2", check.GetProperty("dns").GetProperty("resolved")[0].GetString());
        Assert.StartsWith("www.foobar.com resolves to 10.99.1.2, not to lab2's address", check.GetProperty("warning").GetString(), StringComparison.Ordinal);
        Assert.Equal(200, check.GetProperty("http").GetProperty("status").GetInt32());
        Assert.Equal("no domain variable", root.GetProperty("hosts")[2].GetProperty("skipReason").GetString());
        Assert.Equal(4, root.GetProperty("totals").GetProperty("checks").GetInt32());
    }

    [Fact]
    public async Task The_dns_server_option_is_an_IP_with_port_53_by_default()
    {
        await RunAsync("verify", Inventory(), "--dns-server", "10.99.0.2", "--limit", "lab1");

        Assert.Equal(new IPEndPoint(IPAddress.Parse("10.99.0.2"), 53), _dnsServer);
    }

    [Fact]
    public async Task A_dns_server_that_is_not_an_IP_is_bad_input()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var services = new CliServices(() => throw new InvalidOperationException("no SSH in verify"), _ => null, BuiltInRoles.Catalog, () => false);

        var exitCode = await CliApp.RunAsync(["verify", Inventory(), "--dns-server", "dns.example"], stdout, stderr, services);

        Assert.Equal(3, exitCode);
        Assert.Contains("'dns.example' is not a DNS server address", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_verify_variable_is_bad_input_and_nothing_is_contacted()
    {
        var result = await RunAsync("verify", Inventory(), "--var", "verify_status=fine");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("host 'lab1': variable 'verify_status' must be an integer", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(_dns.Queries);
        Assert.Empty(_http.Requests);
    }

    private string Inventory() => _directory.Write("lab.yaml", LabInventory);

    private async Task<CliResult> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var services = new CliServices(() => throw new InvalidOperationException("no SSH in verify"), _ => null, BuiltInRoles.Catalog, () => false);
        var context = new CliContext(stdout, stderr, services);
        var root = new RootCommand { VerifyCommand.Create(context, (server, _) => { _dnsServer = server; return _dns; }, (_, _) => _http) };
        var exitCode = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr });
        return new CliResult(exitCode, stdout.ToString(), stderr.ToString());
    }
}
