using FooBar.Provision.Inventory;
using FooBar.Provision.Planning;
using FooBar.Provision.Roles;
using FooBar.Provision.Tests.Cli;
using FooBar.Provision.Transport;
using FooBar.Provision.Variables;
using Moq;

namespace FooBar.Provision.Tests.Validation;

/// <summary>The engine and the CLI check every variable against the roles' declarations before any connection.</summary>
public sealed class VariableValidationTests
{
    private static HostEntry Host(string name, params (string Key, object? Value)[] variables) => new(name, "192.0.2.10")
    {
        Roles = ["base", "mysql"],
        Variables = new VariableSet(variables.Select(v => KeyValuePair.Create(v.Key, v.Value)).Append(KeyValuePair.Create<string, object?>("db_password", "s3cret"))),
    };

    [Fact]
    public async Task The_engine_refuses_a_bad_value_before_opening_any_connection()
    {
        var connections = new Mock<IConnectionFactory>(MockBehavior.Strict);
        var engine = new ProvisionEngine(BuiltInRoles.Catalog(), connections.Object);

        var error = await Assert.ThrowsAsync<InventoryException>(() => engine.RunAsync([Host("www", ("mysql_bind_address", "127.0.0.1\nskip-networking"))], new RunOptions { DryRun = true }));

        Assert.Contains("host 'www': variable 'mysql_bind_address' holds a line break; expected an IP address or a host name", Assert.Single(error.Errors).Message, StringComparison.Ordinal);
        connections.Verify(c => c.Open(It.IsAny<HostEntry>()), Times.Never);
    }

    [Fact]
    public void Every_problem_of_every_host_is_reported_at_once()
    {
        var errors = BuiltInRoles.Catalog().Validate([Host("a", ("base_packages", new List<object?> { "tree", "cron-" })), Host("b", ("db_port", "0"), ("mysql_charset", "utf8; DROP"))]);

        Assert.Equal(
            [
                "host 'a': variable 'base_packages[1]' ends with '-', which apt-get reads as 'remove this package'; expected a Debian package name: lowercase letters, digits, + - and ., at least 2 characters, starting with a letter or digit, not ending in - or +",
                "host 'b': variable 'db_port' is 0, outside 1 to 65535; expected a TCP port, 1 to 65535",
                "host 'b': variable 'mysql_charset' is 'utf8; DROP'; expected letters, digits and _, at most 64 characters (utf8mb4, utf8mb4_unicode_ci)",
            ],
            errors.Select(e => e.Message).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Validated_values_reach_the_role_typed()
    {
        var variables = BuiltInRoles.Catalog().VariablesFor(Host("www", ("db_port", "3307"), ("base_directory_mode", "750"), ("base_packages", "tree, curl")));

        Assert.Equal(3307L, variables["db_port"]);
        Assert.Equal("0750", variables["base_directory_mode"]);
        Assert.Equal(["tree", "curl"], variables.GetStringList("base_packages"));
    }

    [Fact]
    public async Task Check_reports_a_bad_var_with_its_name_and_an_example_and_exits_3()
    {
        using var directory = new FooBar.Provision.Tests.Inventory.TempDirectory();
        var path = directory.Write("inventory.yaml", "hosts:\n  www:\n    address: 192.0.2.10\n    roles: [base]\n");

        var result = await CliHarness.RunAsync(new MockHosts(), "check", path, "--var", "base_directory_mode=abc");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("--var base_directory_mode: host 'www': variable 'base_directory_mode' is 'abc'; expected a file mode in octal, 3 or 4 digits 0-7 (0755)\n  hint: for example: --var base_directory_mode=0755", result.Stderr.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("check")]
    [InlineData("plan")]
    [InlineData("apply")]
    public async Task Json_output_is_a_valid_document_with_the_errors_on_exit_3(string verb)
    {
        using var directory = new FooBar.Provision.Tests.Inventory.TempDirectory();
        var path = directory.Write("inventory.yaml", "hosts:\n  www:\n    address: 192.0.2.10\n    roles: [base]\n    vars:\n      base_packages: [tree, cron-]\n");

        var result = await CliHarness.RunAsync(new MockHosts(), verb, path, "--output", "json");

        Assert.Equal(3, result.ExitCode);
        using var document = System.Text.Json.JsonDocument.Parse(result.Stdout);
        var error = Assert.Single(document.RootElement.GetProperty("errors").EnumerateArray());
        Assert.Equal((6, 29), (error.GetProperty("line").GetInt32(), error.GetProperty("column").GetInt32()));
        Assert.StartsWith("host 'www': variable 'base_packages[1]' ends with '-'", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(3, document.RootElement.GetProperty("exitCode").GetInt32());
    }

    [Fact]
    public async Task An_internal_error_ends_with_a_clean_message_exit_70_and_a_json_document()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var services = new FooBar.Provision.Cli.CliServices(() => new Mock<IConnectionFactory>(MockBehavior.Strict).Object, _ => null, () => throw new InvalidOperationException("boom with a value"), () => false);

        var exit = await FooBar.Provision.Cli.CliApp.RunAsync(["check", "x.yaml", "--output", "json"], stdout, stderr, services);

        Assert.Equal(70, exit);
        Assert.StartsWith("provision: internal error (InvalidOperationException)", stderr.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("boom", stderr.ToString() + stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr.ToString(), StringComparison.Ordinal);
        using var document = System.Text.Json.JsonDocument.Parse(stdout.ToString());
        Assert.Equal(70, document.RootElement.GetProperty("exitCode").GetInt32());
    }

    [Fact]
    public async Task Check_warns_about_a_variable_no_role_declares_with_a_did_you_mean_and_still_exits_0()
    {
        using var directory = new FooBar.Provision.Tests.Inventory.TempDirectory();
        var path = directory.Write("inventory.yaml", "hosts:\n  www:\n    address: 192.0.2.10\n    roles: [base]\n    vars:\n      base_pakages: [tree]\n      verify_text: hello\n");

        var result = await CliHarness.RunAsync(new MockHosts(), "check", path);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            $"{path}:6:21: warning: variable 'base_pakages' is declared by no role, so nothing checks it\n  hint: did you mean 'base_packages'? a template of your own may read 'base_pakages'; otherwise fix the name\n",
            result.Stderr.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task A_command_line_that_does_not_parse_still_prints_a_json_document_when_json_was_asked()
    {
        var result = await CliHarness.RunAsync(new MockHosts(), "plan", "x.yaml", "--forks", "0", "--output", "json");

        Assert.Equal(3, result.ExitCode);
        using var document = System.Text.Json.JsonDocument.Parse(result.Stdout);
        Assert.Equal(3, document.RootElement.GetProperty("exitCode").GetInt32());
        Assert.Contains("--forks must be at least 1.", document.RootElement.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
