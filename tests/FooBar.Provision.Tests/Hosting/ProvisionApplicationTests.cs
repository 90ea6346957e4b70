using System.Text.Json;
using FooBar.Provision.Cli;
using FooBar.Provision.Roles;
using FooBar.Provision.Tests.Catalogue.Loader;
using FooBar.Provision.Tests.Cli;
using FooBar.Provision.Tests.Inventory;
using FooBar.Provision.Transport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace FooBar.Provision.Tests.Hosting;

/// <summary>A program made with <see cref="ProvisionApplication.CreateBuilder"/> is the whole <c>provision</c> command line with its own roles.</summary>
[Collection(ProvisionVariables.Collection)]
public sealed class ProvisionApplicationTests : IDisposable
{
    private const string Inventory = """
        vars:
          base_packages: []
          base_service: ""
        hosts:
          www:
            address: 192.0.2.20
            roles: [base, greeting]
          www2:
            address: 192.0.2.10
            roles: [greeting]
        """;

    private readonly TempDirectory _directory = new();
    private readonly MockHosts _hosts = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task A_role_of_your_own_is_planned_next_to_the_built_in_ones_with_its_services_from_dependency_injection()
    {
        var inventory = _directory.Write("inventory.yaml", Inventory);

        var result = await RunAsync(["plan", inventory], b => b.Services.AddSingleton(new Greeting("hello from DI")));

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("file[/etc/motd]", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("file[/etc/greeting]", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("+hello from DI", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("RECAP", result.Stdout, StringComparison.Ordinal);
        Assert.All(_hosts.Commands, c => Assert.True(c.Command.IsReadOnly));
    }

    [Fact]
    public async Task Check_knows_the_roles_variables_and_exits_3_on_a_bad_value_before_any_connection()
    {
        var inventory = _directory.Write("inventory.yaml", Inventory.Replace("roles: [greeting]", "roles: [greeting]\n    vars: { greeting_path: relative/path }", StringComparison.Ordinal));

        var result = await RunAsync(["check", inventory]);

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains("greeting_path", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(_hosts.Opened);
    }

    [Fact]
    public async Task Without_the_role_the_same_inventory_is_bad_input()
    {
        var inventory = _directory.Write("inventory.yaml", Inventory);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var builder = new ProvisionApplicationBuilder(["check", inventory], _directory.Path);

        var exitCode = await builder.Build().RunAsync(stdout, stderr, () => false, null, CancellationToken.None);

        Assert.Equal(3, exitCode);
        Assert.Contains("greeting", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Provision_json_gives_options_the_command_line_does_not_and_a_verb_section_wins_over_the_top_level()
    {
        var inventory = _directory.Write("inventory.yaml", Inventory);
        _directory.Write("provision.json", """{ "output": "json", "limit": "www", "plan": { "limit": "www2" } }""");

        var result = await RunAsync(["plan", inventory]);

        Assert.True(result.ExitCode == 2, result.ToString());
        using var document = JsonDocument.Parse(result.Stdout);
        Assert.Equal("www2", Assert.Single(document.RootElement.GetProperty("hosts").EnumerateArray()).GetProperty("host").GetString());
        Assert.Equal(["www2"], _hosts.Opened.Select(h => h.Name).Distinct());
    }

    [Fact]
    public async Task An_option_on_the_command_line_wins_over_provision_json()
    {
        var inventory = _directory.Write("inventory.yaml", Inventory);
        _directory.Write("provision.json", """{ "plan": { "limit": "www2" } }""");

        var result = await RunAsync(["plan", inventory, "--limit", "www"]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal(["www"], _hosts.Opened.Select(h => h.Name).Distinct());
    }

    [Fact]
    public async Task A_PROVISION_variable_wins_over_provision_json()
    {
        var inventory = _directory.Write("inventory.yaml", Inventory);
        _directory.Write("provision.json", """{ "limit": "www2" }""");
        Environment.SetEnvironmentVariable("PROVISION_PLAN__LIMIT", "www");
        try
        {
            var result = await RunAsync(["plan", inventory]);

            Assert.True(result.ExitCode == 2, result.ToString());
            Assert.Equal(["www"], _hosts.Opened.Select(h => h.Name).Distinct());
        }
        finally
        {
            Environment.SetEnvironmentVariable("PROVISION_PLAN__LIMIT", null);
        }
    }

    [Fact]
    public async Task A_setting_that_breaks_its_option_s_rule_is_bad_input_naming_where_it_was_set()
    {
        var inventory = _directory.Write("inventory.yaml", Inventory);
        _directory.Write("provision.json", """{ "apply": { "forks": 0 } }""");

        var result = await RunAsync(["apply", inventory, "--output", "json"]);

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains("--forks must be at least 1", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("provision.json: apply:forks", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(3, JsonDocument.Parse(result.Stdout).RootElement.GetProperty("exitCode").GetInt32());
        Assert.Empty(_hosts.Opened);
    }

    [Fact]
    public async Task A_provision_json_that_is_not_json_is_bad_input_without_a_stack_trace()
    {
        var inventory = _directory.Write("inventory.yaml", Inventory);
        _directory.Write("provision.json", "{ \"forks\": ");

        var result = await RunAsync(["plan", inventory]);

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains("provision.json is not valid JSON", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(_hosts.Opened);
    }

    [Fact]
    public async Task A_provision_json_that_is_a_named_pipe_is_bad_input_and_never_opened()
    {
        // Before, the run blocked opening it for good; neither Ctrl+C nor SIGTERM ended it.
        var inventory = _directory.Write("inventory.yaml", Inventory);
        LoaderFixtures.MakeFifo(Path.Combine(_directory.Path, "provision.json"));

        var result = await RunAsync(["plan", inventory]).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains($"{Path.Combine(_directory.Path, "provision.json")} is a named pipe (FIFO), not a regular file", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(_hosts.Opened);
    }

    [Theory]
    [InlineData("fifo")]
    [InlineData("device")]
    [InlineData("list")]
    public async Task A_limit_at_FILE_is_read_by_the_limit_itself_never_as_a_response_file(string kind)
    {
        // System.CommandLine read every word starting with '@' as a file of more words: --limit @/dev/zero crashed with a
        // stack trace (exit 134), --limit @FIFO hung for good, and a file listing 'www, www2' became unknown arguments.
        var inventory = _directory.Write("inventory.yaml", Inventory);
        var file = kind switch
        {
            "fifo" => Path.Combine(_directory.Path, "hosts.fifo"),
            "device" => "/dev/zero",
            _ => _directory.Write("hosts.txt", "# the web servers\nwww, www2\n"),
        };
        if (kind == "fifo")
        {
            LoaderFixtures.MakeFifo(file);
        }

        var result = await RunAsync(["check", inventory, "--limit", "@" + file]).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        if (kind == "list")
        {
            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Contains("www2", result.Stdout, StringComparison.Ordinal);
        }
        else
        {
            Assert.True(result.ExitCode == 3, result.ToString());
            Assert.Contains($"--limit @{file}: cannot read the file: it is not a regular file", result.Stderr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Logs_go_to_standard_error_at_warning_and_up_unless_configured()
    {
        _directory.Write("provision.json", """{ "Logging": { "LogLevel": { "FooBar": "Debug" } } }""");
        var application = new ProvisionApplicationBuilder([], _directory.Path).Build();

        var logger = application.Services.GetRequiredService<ILogger<ProvisionApplicationTests>>();
        var console = application.Services.GetRequiredService<IOptions<ConsoleLoggerOptions>>().Value;

        Assert.Equal(LogLevel.Trace, console.LogToStandardErrorThreshold);
        Assert.True(logger.IsEnabled(LogLevel.Debug)); // FooBar.* from the configuration
        Assert.False(application.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Other").IsEnabled(LogLevel.Information));
    }

    [Fact]
    public async Task An_application_runs_once()
    {
        var application = new ProvisionApplicationBuilder(["--help"], _directory.Path).Build();
        await application.RunAsync(TextWriter.Null, TextWriter.Null, () => false, null, CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => application.RunAsync(TextWriter.Null, TextWriter.Null, () => false, null, CancellationToken.None));
    }

    private async Task<CliResult> RunAsync(string[] args, Action<ProvisionApplicationBuilder>? configure = null)
    {
        var builder = new ProvisionApplicationBuilder(args, _directory.Path);
        builder.Roles.Add<GreetingRole>();
        builder.Services.AddSingleton(new Greeting("hello"));
        builder.Services.AddSingleton(_hosts.Factory.Object);
        configure?.Invoke(builder);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exitCode = await builder.Build().RunAsync(stdout, stderr, () => false, null, CancellationToken.None);
        return new CliResult(exitCode, stdout.ToString(), stderr.ToString());
    }
}
