using System.Diagnostics;
using CsCheck;
using FooBar.Provision.Inventory;
using FooBar.Provision.Roles;
using FooBar.Provision.Tests.Cli;
using FooBar.Provision.Variables;
using Xunit.Abstractions;

namespace FooBar.Provision.Tests.Catalogue.Variables;

/// <summary>Random values (any characters, any shape) in every declared variable: only validation errors, never an exception, in bounded time.</summary>
public sealed class RandomValuePropertyTests(ITestOutputHelper output)
{
    private static readonly string[] Names = [.. BuiltInRoles.All().SelectMany(r => r.VariableDeclarations).Select(d => d.Name).Distinct()];

    private static readonly Gen<string> Tokens = Gen.OneOfConst("\n", "\r\n", "\0", "\u001b[2J", "'", "\"", "`", "$(", ";", "*", "../", "--", "-", "%", ":", "/", "[", "{", "\u202e", "é", "😀", "\ud800", " ", "0", "65536", "-1", "true", "unix:/", "[::1]:", "auto");

    private static readonly Gen<string> Text = Gen.OneOf(
        Gen.String,
        Gen.String[Gen.Char, 0, 300],
        Gen.Select(Tokens.Array[0, 8], Gen.String[Gen.Char.AlphaNumeric, 0, 12], (parts, word) => string.Concat(parts) + word),
        Gen.Int[0, 6000].Select(n => new string('a', n)));

    private static readonly Gen<object?> Scalar = Gen.OneOf(
        Text.Select(t => (object?)t),
        Gen.Long.Select(l => (object?)l),
        Gen.Bool.Select(b => (object?)b),
        Text.Select(t => (object?)new SecretValue("test", t)),
        Gen.Const((object?)null));

    private static readonly Gen<object?> Value = Gen.OneOf(
        Scalar,
        Scalar.List[0, 5].Select(l => (object?)l.ToList()),
        Gen.Select(Text, Scalar, Text, Scalar, (k1, v1, k2, v2) => (object?)new Dictionary<string, object?> { [k1] = v1, ["name"] = v2, [k2 + "x"] = v1 }),
        Gen.Select(Scalar, Scalar, Scalar, (n, p, h) => (object?)new List<object?> { new Dictionary<string, object?> { ["name"] = n, ["password"] = p, ["host"] = h } }));

    [Fact]
    public void Any_value_in_any_variable_ends_in_validation_errors_only()
    {
        var catalog = BuiltInRoles.Catalog();
        var slowest = TimeSpan.Zero;
        var total = Stopwatch.StartNew();
        var refused = 0;
        Gen.Select(Gen.Int[0, Names.Length - 1].Array[1, 4], Value.Array[4]).Sample(
            (picks, values) =>
            {
                var variables = new Dictionary<string, object?> { ["domain"] = "www.foobar.com", ["db_password"] = "s3cret" };
                for (var i = 0; i < picks.Length; i++)
                {
                    variables[Names[picks[i]]] = values[i];
                }

                var host = new HostEntry("www", "192.0.2.10") { Roles = [.. catalog.Roles.Keys], Variables = new VariableSet(variables) };
                var clock = Stopwatch.StartNew();
                var errors = catalog.Validate([host]);
                refused += errors.Count > 0 ? 1 : 0;
                slowest = clock.Elapsed > slowest ? clock.Elapsed : slowest;
                Assert.All(errors, e => Assert.DoesNotContain('\n', e.Message));
                Assert.All(errors, e => Assert.Contains("host 'www'", e.Message, StringComparison.Ordinal));
                if (errors.Count == 0)
                {
                    _ = catalog.VariablesFor(host);
                }
            },
            iter: 3000,
            seed: null);

        output.WriteLine($"3000 random hosts ({refused} refused): {total.Elapsed.TotalMilliseconds:F0} ms in all, slowest validation {slowest.TotalMilliseconds:F1} ms");
        Assert.True(slowest < TimeSpan.FromSeconds(1), $"the slowest validation took {slowest}");
    }

    [Fact]
    public async Task Any_var_on_the_command_line_ends_with_exit_0_or_3_and_a_json_document()
    {
        using var directory = new FooBar.Provision.Tests.Inventory.TempDirectory();
        var path = directory.Write("inventory.yaml", CatalogueRun.HostVarsHeader + "      domain: www.foobar.com\n      db_password: s3cret\n");
        var cases = Gen.Select(Gen.Int[0, Names.Length - 1], Text).Array[40].Single();
        foreach (var (pick, text) in cases)
        {
            var result = await CliHarness.RunAsync(new MockHosts(), "check", path, "--output", "json", "--var", $"{Names[pick]}={text}");

            Assert.True(result.ExitCode is 0 or 3, result.ToString());
            using var document = System.Text.Json.JsonDocument.Parse(result.Stdout);
            Assert.Equal(result.ExitCode, document.RootElement.GetProperty("exitCode").GetInt32());
            Assert.DoesNotContain("internal error", result.Stderr, StringComparison.Ordinal);
        }
    }
}
