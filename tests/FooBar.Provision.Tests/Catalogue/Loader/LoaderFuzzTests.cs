using System.Diagnostics;
using System.Text;
using CsCheck;
using FooBar.Provision.Inventory;
using FooBar.Provision.Tests.Inventory;
using Xunit.Abstractions;

namespace FooBar.Provision.Tests.Catalogue.Loader;

/// <summary>
/// The loader on random and mutated YAML and random values: it either loads or throws <see cref="InventoryException"/>
/// (nothing else), each input within a time bound, allocating memory within a bound linear in the input. The worst time
/// and the most memory over the corpus are printed (docs/inventory.md quotes them).
/// </summary>
[Collection(LoaderFuzzCollection.Name)]
public sealed class LoaderFuzzTests(ITestOutputHelper output)
{
    private const int Iterations = 3000;
    // 2 s for any input, plus 10 µs per byte (linear): a 1 MiB inventory of 14,000 hosts loads in about 1 s.
    private static readonly TimeSpan TimeBound = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan TimePerByte = TimeSpan.FromTicks(100);

    private static readonly string[] Seeds =
    [
        """
        vars:
          app_name: foobar
          db_password: { env: FUZZ_SECRET }
          db_users:
            - name: app
              password: { file: secrets/pw }
        groups:
          web:
            hosts: [www, db]
            roles: [nginx, mysql]
            vars: { domain: www.example.com }
        hosts:
          www:
            address: 192.0.2.10
            port: 2222
            user: deploy
            identity_file: ~/.ssh/id_ed25519
            host_key_checking: accept-new
            become: true
            become_password: { env: FUZZ_SECRET }
            roles: [base, app-server]
            vars: { app_port: "8080", list: [a, b, { c: d }] }
          db: { address: db.example.com, connect_timeout: 5 }
        """,
        "hosts: { a: { address: 2001:db8::1 }, b: { address: 192.0.2.1, roles: [base], vars: { x: [1, [2, [3]]] } } }\n",
        "a: &a [x, x]\nb: &b [*a, *a]\nhosts:\n  h:\n    address: 192.0.2.3\n    vars: { v: *b }\n",
    ];

    private static readonly string[] Fragments =
    [
        "[", "]", "{", "}", ":", ": ", "- ", "\n", "\n  ", "\t", "\"", "'", "*a", "&a ", "!!binary ", "!tag ", "%YAML 1.2\n", "---\n", "...\n",
        "|\n", ">-\n", "#", ",", "? ", "<<: ", "\\", "\u001B[31m", "\u202E", "\u0000", "é", "😀", "{ env: X }", "{ file: /dev/zero }",
        "{ file: secrets/fifo }", "10.0.0.5; touch /tmp/x", "-oProxyCommand=x", "$(id)", "~", "null", "true", "99999999999999999999",
    ];

    private static readonly Gen<string> Mutated =
        Gen.Select(Gen.Int[0, Seeds.Length - 1], Gen.Select(Gen.Int[0, 3], Gen.Double[0, 0.999], Gen.Int[0, Fragments.Length - 1], Gen.String).Array[1, 12])
            .Select((seed, edits) => edits.Aggregate(Seeds[seed], Apply));

    private static readonly Gen<string> Random =
        Gen.OneOf(Gen.String, Gen.Char[' ', '~'].Array[0, 400].Select(chars => new string(chars)), Gen.OneOfConst(Fragments).Array[0, 60].Select(string.Concat));

    private static readonly Gen<string> Values =
        Gen.Select(Gen.String, Gen.String, Gen.String).Select((address, user, value) =>
            $"hosts:\n  h:\n    address: {Quote(address)}\n    user: {Quote(user)}\n    vars:\n      v: {Quote(value)}\n");

    [Fact]
    public void The_loader_never_crashes_and_stays_within_time_and_memory_bounds()
    {
        using var directory = new TempDirectory();
        directory.Write("secrets/pw", "fuzz-password");
        LoaderFixtures.MakeFifo(Path.Combine(directory.Path, "secrets", "fifo"));
        var loader = new InventoryLoader(InventoryTestData.KnownRoles, name => name == "FUZZ_SECRET" ? "fuzz-secret-value" : null);
        var path = Path.Combine(directory.Path, "inventory.yaml");
        var worst = (Time: TimeSpan.Zero, Small: TimeSpan.Zero, Input: 0, Allocated: 0L, Ratio: 0.0);
        var count = 0;
        var loaded = 0;

        void Run(string yaml)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var clock = Stopwatch.StartNew();
            try
            {
                loader.Parse(yaml, path);
                loaded++;
            }
            catch (InventoryException)
            {
                // The only failure allowed.
            }

            clock.Stop();
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            var bytes = Encoding.UTF8.GetByteCount(yaml);
            count++;
            Assert.True(clock.Elapsed < TimeBound + (TimePerByte * bytes), $"{clock.Elapsed} for a {bytes}-byte input:\n{yaml[..Math.Min(yaml.Length, 2000)]}");

            // Linear in the input: a generous constant per byte plus a fixed overhead (the role catalog, the first parse).
            Assert.True(allocated < (2_000L * bytes) + (16L << 20), $"{allocated} bytes allocated for a {bytes}-byte input:\n{yaml[..Math.Min(yaml.Length, 2000)]}");
            worst = (clock.Elapsed > worst.Time ? clock.Elapsed : worst.Time, bytes < 65536 && clock.Elapsed > worst.Small ? clock.Elapsed : worst.Small, Math.Max(worst.Input, bytes),
                Math.Max(worst.Allocated, allocated), Math.Max(worst.Ratio, bytes >= 64 ? (double)allocated / bytes : 0));
        }

        Mutated.Sample(Run, iter: Iterations, threads: 1);
        Random.Sample(Run, iter: Iterations, threads: 1);
        Values.Sample(Run, iter: Iterations / 3, threads: 1);
        foreach (var large in LargeInputs())
        {
            var clock = Stopwatch.StartNew();
            Run(large);
            output.WriteLine($"large input of {large.Length} characters ({large[..Math.Min(30, large.Length)].ReplaceLineEndings(" ")}…): {clock.Elapsed.TotalMilliseconds:0} ms");
        }

        using var process = Process.GetCurrentProcess();
        var figures = $"loader fuzz: {count} inputs ({loaded} loaded, the rest refused with InventoryException), largest {worst.Input} bytes; " +
            $"worst time {worst.Time.TotalMilliseconds:0.0} ms (inputs under 64 KiB: {worst.Small.TotalMilliseconds:0.0} ms); most memory allocated by one load {worst.Allocated / 1024.0 / 1024.0:0.0} MiB " +
            $"(at most {worst.Ratio:0} bytes per input byte for inputs of 64 bytes or more); process peak working set {process.PeakWorkingSet64 / 1024.0 / 1024.0:0} MiB";
        output.WriteLine(figures);
        Console.WriteLine(figures);
    }

    // Big but legal-sized inputs: many hosts, a long scalar, a 555-byte alias bomb, deep nesting at the limit and past it.
    private static IEnumerable<string> LargeInputs()
    {
        var hosts = new StringBuilder("hosts:\n");
        for (var i = 0; hosts.Length < 900_000; i++)
        {
            hosts.Append($"  h{i}: {{ address: 192.0.2.{i % 250 + 1}, roles: [base], vars: {{ n: \"{i}\" }} }}\n");
        }

        yield return hosts.ToString();
        var grouped = new StringBuilder("hosts:\n");
        for (var i = 0; i < 10_000; i++)
        {
            grouped.Append($"  h{i}: {{ address: 192.0.2.1 }}\n");
        }

        yield return grouped.Append("groups:\n  all:\n    roles: [base]\n    hosts: [")
            .AppendJoin(", ", Enumerable.Range(0, 10_000).Select(i => $"h{i}")).Append("]\n  ghosts:\n    hosts: [")
            .AppendJoin(", ", Enumerable.Range(0, 10_000).Select(i => $"g{i}")).Append("]\n").ToString();
        yield return $"vars:\n  long: \"{new string('x', 1_000_000)}\"\nhosts:\n  h: {{ address: 192.0.2.1 }}\n";
        yield return "hosts: " + new string('[', 5000) + new string(']', 5000) + "\n";
        yield return "hosts:\n  h: { address: 192.0.2.1 }\nvars:\n  v: " + new string('[', 31) + new string(']', 31) + "\n";
        var bomb = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (var c = 'b'; c <= 'i'; c++)
        {
            var previous = (char)(c - 1);
            bomb.Append($"{c}: &{c} [{string.Join(',', Enumerable.Repeat($"*{previous}", 9))}]\n");
        }

        yield return bomb.ToString();
    }

    private static string Apply(string text, (int Kind, double Where, int Fragment, string Random) edit)
    {
        var at = (int)(edit.Where * text.Length);
        return edit.Kind switch
        {
            0 => text.Insert(at, Fragments[edit.Fragment]),
            1 => text.Remove(at, Math.Min(text.Length - at, 1 + (edit.Fragment % 7))),
            2 => text.Insert(at, edit.Random),
            _ => text.Insert(at, text[at..Math.Min(text.Length, at + 40)]),
        };
    }

    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
