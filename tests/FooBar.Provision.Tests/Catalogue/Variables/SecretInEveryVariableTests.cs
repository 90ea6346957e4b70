using FooBar.Provision.Tests.Cli;

namespace FooBar.Provision.Tests.Catalogue.Variables;

/// <summary>
/// A secret (<c>{ env: NAME }</c>) in every declared variable of the built-in roles and in every key of their lists of
/// mappings: provision check accepts it or refuses it (exit 0 or 3), never crashes on a role that expected plain text, and
/// never prints the secret's value.
/// </summary>
public sealed class SecretInEveryVariableTests
{
    private const string Name = "FOOBAR_MATRIX_SECRET";

    // An address-like value and a name-like value: between them most rules take one, so the role's own code gets to see
    // the secret (a refusal by the rule alone would prove nothing).
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var variable in HostileMatrixTests.Variables())
        {
            data.Add(variable, "192.0.2.77");
            data.Add(variable, "matrix7");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_secret_in_any_variable_is_accepted_or_refused_never_a_crash_and_never_shown(string variable, string value)
    {
        var (yaml, _, _, _) = HostileMatrixTests.Inventory(variable, "@@SECRET@@");
        using var directory = new FooBar.Provision.Tests.Inventory.TempDirectory();
        var path = directory.Write("inventory.yaml", yaml.Replace("\"@@SECRET@@\"", $"{{ env: {Name} }}", StringComparison.Ordinal));

        foreach (var output in new[] { "text", "json" })
        {
            var result = await CliHarness.RunAsync(new MockHosts().Factory.Object, n => n == Name ? value : null, "check", path, "--output", output);

            Assert.True(result.ExitCode is 0 or 3, result.ToString());
            Assert.DoesNotContain("internal error", result.Stdout + result.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain(value, result.Stdout + result.Stderr, StringComparison.Ordinal);
        }
    }
}
