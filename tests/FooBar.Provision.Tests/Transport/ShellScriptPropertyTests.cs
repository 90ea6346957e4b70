using System.Diagnostics;
using System.Text;
using CsCheck;
using FooBar.Provision.Transport;
using Xunit.Abstractions;

namespace FooBar.Provision.Tests.Transport;

/// <summary>
/// Generated hostile strings go through <see cref="ShellScript"/> holes into a real <c>/bin/sh</c> (and bash, when
/// installed), and the bytes that come back must be the value's UTF-8 bytes, exactly. Values are run in batches (a
/// hundred per shell, several holes per command) so that ten thousand of them take seconds.
/// </summary>
public sealed class ShellScriptPropertyTests(ITestOutputHelper output)
{
    private const int BatchSize = 100;
    private const int Batches = 100;

    /// <summary>Arguments of an <c>execve</c> are limited to 128 KiB each; a batch's script is cut into scripts well below that.</summary>
    private const int MaxScriptBytes = 96 * 1024;

    private static readonly Gen<string> Hostile = Gen.OneOfConst(
        "'", "''", "\"", "\\", "\\'", "'\\''", "$", "$(", ")", "$(id)", "`", "`id`", "${HOME}", "$((1+1))", "{", "}", "*", "?", "[a-z]",
        "]", "~", "~root", "!", "!!", "#", "&", "&&", "|", "||", ";", "<", ">", ">>", "(", " ", "  ", "\t", "\n", "\r", "\r\n", "\v", "\f",
        "-", "--", "-n", "-e", "=", "A=b", "%", "%s", "%b", "\\0", "\\n", "\x01", "\x1b[31m", "\x7f", "\u00a0", "\u202e", "\ufeff", "\u2028");

    private static readonly Gen<string> Piece = Gen.Frequency(
        (6, Hostile),
        (3, Gen.Char['a', 'z'].Select(c => c.ToString())),
        (2, Gen.Int[1, 0xD7FF].Select(char.ConvertFromUtf32)),
        (1, Gen.Int[0xE000, 0x10FFFF].Select(char.ConvertFromUtf32)));

    /// <summary>Mostly short values, some empty, a few long ones (up to about 3,000 characters).</summary>
    private static readonly Gen<string> Value = Gen.Frequency(
        (40, Piece.Array[0, 24].Select(string.Concat)),
        (4, Gen.Const(string.Empty)),
        (4, Piece.Array[1, 8].Select(p => "-" + string.Concat(p))),
        (1, Piece.Array[200, 1500].Select(string.Concat)));

    private static readonly string[] Shells = File.Exists("/bin/bash") ? ["/bin/sh", "/bin/bash"] : ["/bin/sh"];

    [Fact]
    public void Ten_thousand_generated_hostile_values_reach_the_shell_byte_for_byte()
    {
        var cases = 0;
        var watch = Stopwatch.StartNew();

        Value.Array[BatchSize].Sample(values =>
        {
            foreach (var shell in Shells)
            {
                AssertArriveIntact(shell, values);
            }

            Interlocked.Add(ref cases, values.Length);
        }, iter: Batches);

        output.WriteLine($"{cases} values through {string.Join(" and ", Shells)} in {watch.Elapsed.TotalSeconds:F1} s");
        Assert.True(cases >= 10_000, $"only {cases} values were generated");
    }

    [Fact]
    public void Any_value_with_a_nul_is_refused_before_it_reaches_a_script() =>
        Gen.Select(Value, Value).Sample((before, after) =>
        {
            var value = before + "\0" + after;
            Assert.Throws<ArgumentException>(() => Build($"printf '%s' {value}"));
            Assert.Throws<ArgumentException>(() => ShellWords.Of("ok", value));
        }, iter: 1_000);

    [Fact]
    public void Any_value_with_an_unpaired_surrogate_is_refused_before_it_reaches_a_script() =>
        Gen.Select(Value, Gen.Char[(char)0xD800, (char)0xDFFF], Value).Sample((before, surrogate, after) =>
        {
            // A high surrogate directly followed by a low one is a pair; keep the generated one alone.
            var value = before + surrogate + "x" + after;
            if (before.Length > 0 && char.IsHighSurrogate(before[^1]) && char.IsLowSurrogate(surrogate))
            {
                value = before + "x" + surrogate + "x" + after;
            }

            Assert.Throws<ArgumentException>(() => Build($"printf '%s' {value}"));
        }, iter: 1_000);

    private static ShellScript Build(ShellScript script) => script;

    /// <summary>Runs the values as <c>printf '%s\0' {a} {b} {c}</c> lines and compares what comes back with their UTF-8 bytes.</summary>
    private static void AssertArriveIntact(string shell, string[] values)
    {
        var lines = new List<ShellScript>();
        for (var i = 0; i < values.Length; i += 3)
        {
            lines.Add((values.Length - i) switch
            {
                1 => $"printf '%s\\0' {values[i]}",
                2 => $"printf '%s\\0' {values[i]} {values[i + 1]}",
                _ => $"printf '%s\\0' {values[i]} {values[i + 1]} {values[i + 2]}",
            });
        }

        var expected = Encoding.UTF8.GetBytes(string.Concat(values.Select(v => v + "\0")));
        var actual = new MemoryStream();
        foreach (var script in Chunks(lines))
        {
            actual.Write(Run(shell, script));
        }

        if (!expected.AsSpan().SequenceEqual(actual.ToArray()))
        {
            var got = Encoding.UTF8.GetString(actual.ToArray()).Split('\0');
            var first = values.Select((v, i) => (v, i)).First(p => p.i >= got.Length || got[p.i] != p.v);
            Assert.Fail($"{shell}: value {first.i} {Escape(first.v)} came back as {(first.i < got.Length ? Escape(got[first.i]) : "nothing")}");
        }
    }

    private static IEnumerable<string> Chunks(List<ShellScript> lines)
    {
        var chunk = new StringBuilder();
        foreach (var line in lines)
        {
            if (chunk.Length > 0 && Encoding.UTF8.GetByteCount(chunk.ToString()) + Encoding.UTF8.GetByteCount(line.Text) > MaxScriptBytes)
            {
                yield return chunk.ToString();
                chunk.Clear();
            }

            chunk.Append(line.Text).Append('\n');
        }

        yield return chunk.ToString();
    }

    private static byte[] Run(string shell, string script)
    {
        var startInfo = new ProcessStartInfo(shell) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        startInfo.ArgumentList.Add("-c");
        startInfo.ArgumentList.Add(script);
        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"{shell} did not start");
        var stderr = process.StandardError.ReadToEndAsync();
        using var stdout = new MemoryStream();
        process.StandardOutput.BaseStream.CopyTo(stdout);
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{shell} exited {process.ExitCode}: {stderr.GetAwaiter().GetResult()}");
        return stdout.ToArray();
    }

    private static string Escape(string value) =>
        value.Length > 200 ? $"({value.Length} characters) {Escape(value[..200])}…" : "\"" + string.Concat(value.Select(c => c < ' ' || c == 0x7f ? $"\\x{(int)c:x2}" : c.ToString())) + "\"";
}
