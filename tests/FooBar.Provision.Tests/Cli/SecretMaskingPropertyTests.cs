using System.Text.Encodings.Web;
using System.Text.Json;
using CsCheck;
using FooBar.Provision.Inventory;
using FooBar.Provision.Tests.Inventory;
using FooBar.Provision.Transport;
using FooBar.Provision.Variables;

namespace FooBar.Provision.Tests.Cli;

/// <summary>
/// Generated secrets (one line or several, with spaces, quotes, backslashes, shell and JSON specials, non-ASCII) go
/// through a template into plan and apply, in every view (plain, JSON, live terminal) with the -v command log: no line
/// of any secret may appear in the output, neither raw nor JSON-escaped.
/// </summary>
public sealed class SecretMaskingPropertyTests : IDisposable
{
    private static readonly Gen<string> Special = Gen.OneOfConst(" ", "  ", "\"", "\\", "'", "$(", "`", "é", "日本", "😀", "ß", "<&>", "{", "}", "%", "\t");

    private static readonly Gen<string> Line =
        Gen.Select(Gen.String[Gen.Char.AlphaNumeric, SecretMasker.MinimumLength, 10], Special.Array[0, 6], Gen.Int[0, 4])
            .Select((core, extras, at) => core[..Math.Min(at, core.Length)] + string.Concat(extras) + core[Math.Min(at, core.Length)..]);

    private static readonly Gen<string> Secret = Line.Array[1, 4].Select(lines => string.Join('\n', lines));

    private static readonly string[][] Runs =
    [
        ["plan"],
        ["plan", "--output", "json", "-vvv"],
        ["plan", "-vvv"],
        ["apply", "-vvv"],
        ["apply", "--output", "json", "-v"],
    ];

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void No_line_of_a_generated_secret_appears_in_any_plan_or_apply_output()
    {
        var inventory = CliInventories.Write(_directory, CliInventories.SecretMotd);
        Secret.Sample(secret =>
        {
            foreach (var run in Runs)
            {
                var result = CliHarness.RunAsync(new AcceptingHosts(), name => name == "MOTD_SECRET" ? secret : null, [.. run, inventory]).GetAwaiter().GetResult();
                Assert.True(result.ExitCode is 0 or 2, result.ToString());
                AssertNoLineOf(secret, result.Stdout + result.Stderr, string.Join(' ', run));
            }

            var live = CliHarness.RunOnTerminalAsync(new MockHosts(), name => name == "MOTD_SECRET" ? secret : null, "plan", inventory).GetAwaiter().GetResult();
            Assert.True(live.ExitCode == 2, live.ToString());
            AssertNoLineOf(secret, live.Stdout + live.Stderr, "plan on a terminal");
        }, iter: 40, threads: 1);
    }

    [Fact]
    public async Task A_two_line_secret_is_masked_line_by_line_in_the_live_view_as_well()
    {
        const string secret = "first-line-of-it\n  second \"line\" \\ é";
        var inventory = CliInventories.Write(_directory, CliInventories.SecretMotd);
        var hosts = new MockHosts();

        var result = await CliHarness.RunOnTerminalAsync(hosts, name => name == "MOTD_SECRET" ? secret : null, "plan", inventory);
        var json = await CliHarness.RunAsync(hosts.Factory.Object, name => name == "MOTD_SECRET" ? secret : null, "plan", inventory, "-o", "json");

        Assert.Equal(2, result.ExitCode);
        AssertNoLineOf(secret, result.Stdout + result.Stderr, "plan");
        AssertNoLineOf(secret, json.Stdout + json.Stderr, "plan -o json");
        Assert.Contains("+********", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("+  ********", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("abc\nlonger-line")]
    [InlineData("{\n  \"key\": \"value-1234\"\n}")]
    public void Lines_shorter_than_the_minimum_are_not_masked_on_their_own_but_the_others_are(string secret)
    {
        var masker = new SecretMasker([secret]);
        var lines = SecretMasker.MaskedLines(secret);

        Assert.All(lines, line => Assert.True(line.Count(c => !char.IsWhiteSpace(c)) >= SecretMasker.MinimumLength));
        Assert.All(lines, line => Assert.Equal(SecretValue.Mask, masker.Mask(line)));
        Assert.Equal("{", masker.Mask("{"));
    }

    internal static void AssertNoLineOf(string secret, string output, string what)
    {
        foreach (var line in SecretMasker.MaskedLines(secret).Append(secret))
        {
            foreach (var shape in new[] { line, JsonEncodedText.Encode(line).Value, JsonEncodedText.Encode(line, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).Value })
            {
                Assert.False(output.Contains(shape, StringComparison.Ordinal), $"{what}: the secret line '{shape}' appears in\n{output}");
            }
        }
    }

    /// <summary>Hosts that answer facts and probes (everything absent) and accept every change and write.</summary>
    private sealed class AcceptingHosts : IConnectionFactory
    {
        public IHostConnection Open(HostEntry host) => new Connection(host.Name);

        private sealed class Connection(string name) : IHostConnection
        {
            private int _roundTrips;

            public string HostName => name;

            public int RoundTrips => _roundTrips;

            public Task<CommandResult> RunAsync(RemoteCommand command, CancellationToken cancellationToken = default)
            {
                Interlocked.Increment(ref _roundTrips);
                var output = command.Script.Contains("os_id=", StringComparison.Ordinal) ? MockHosts.FactsAnswer(name)
                    : command.IsReadOnly ? MockHosts.ProbeBatchAnswer(command.Script) : "";
                return Task.FromResult(new CommandResult(0, output, ""));
            }

            public Task WriteFileAsync(RemoteFile file, CancellationToken cancellationToken = default)
            {
                Interlocked.Increment(ref _roundTrips);
                return Task.CompletedTask;
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}
