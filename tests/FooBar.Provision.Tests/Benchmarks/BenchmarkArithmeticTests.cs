using FooBar.Provision.Tests.Transport;

namespace FooBar.Provision.Tests.Benchmarks;

/// <summary>
/// The medians and verdicts that benchmarks/compare.sh, scale.sh and run.sh print (benchmarks/lib/ratio.sh), run by bash
/// on fixed inputs: goals met and not met at the boundary, rounding that never inverts or contradicts a verdict, and
/// missing, zero or malformed values refused with a message instead of a figure.
/// </summary>
public sealed class BenchmarkArithmeticTests
{
    [Theory]
    [InlineData("0.25", "7.5", "30.0× faster (goal ≥ 30×: met)")]               // exactly 30×
    [InlineData("0.250001", "7.5", "29.9× faster (goal ≥ 30×: not met)")]       // a microsecond short of it
    [InlineData("0.243", "7.895", "32.4× faster (goal ≥ 30×: met)")]            // 32.49×, truncated
    [InlineData("0.1", "3", "30.0× faster (goal ≥ 30×: met)")]
    public void A_faster_goal_is_met_from_exactly_the_goal_up(string provision, string ansible, string expected) =>
        Assert.Equal(expected, Ok("bench_verdict", ["faster", "30", provision, ansible]));

    [Theory]
    [InlineData("45", "100", "0.45× Ansible's time (goal ≤ 0.45×: met)")]       // exactly 0.45×
    [InlineData("45.000001", "100", "0.46× Ansible's time (goal ≤ 0.45×: not met)")]
    [InlineData("18.558", "29.996", "0.62× Ansible's time (goal ≤ 0.45×: not met)")]
    [InlineData("13.5", "33.3", "0.41× Ansible's time (goal ≤ 0.45×: met)")]   // 0.4054×, rounded up
    public void A_cold_goal_is_met_up_to_exactly_the_goal(string provision, string ansible, string expected) =>
        Assert.Equal(expected, Ok("bench_verdict", ["cold", "0.45", provision, ansible]));

    [Fact]
    public void Decimals_that_floating_point_cannot_hold_do_not_move_a_verdict_at_the_boundary() =>
        // In binary floating point 0.3 / 0.1 is 2.9999999999999996: a comparison in awk misses exactly 3×.
        Assert.Equal("3.0× faster (goal ≥ 3×: met)", Ok("bench_verdict", ["faster", "3", "0.1", "0.3"]));

    [Fact]
    public void A_ratio_is_not_rounded_before_it_is_inverted() =>
        // Commit 899a0ef: 0.25 / 7.975 rounded to 0.031 and inverted printed 32.3× for a 31.9× no-op.
        Assert.Equal("31.9× faster (goal ≥ 30×: met)", Ok("bench_verdict", ["faster", "30", "0.25", "7.975"]));

    [Theory]
    [InlineData("faster", "30", "1", "29.96", "29.9× faster (goal ≥ 30×: not met)")]     // nearest would print 30.0×
    [InlineData("faster", "40", "1", "39.99", "39.9× faster (goal ≥ 40×: not met)")]
    [InlineData("cold", "0.45", "0.4504", "1", "0.46× Ansible's time (goal ≤ 0.45×: not met)")] // nearest: 0.45×
    [InlineData("cold", "0.4", "62.61", "94.768", "0.67× Ansible's time (goal ≤ 0.4×: not met)")]
    [InlineData("faster", "29.95", "1", "29.95", "29.95× faster (goal ≥ 29.95×: met)")]   // as many decimals as the goal
    [InlineData("faster", "29.95", "1", "29.949999", "29.94× faster (goal ≥ 29.95×: not met)")]
    [InlineData("cold", "0.5", "1", "2", "0.50× Ansible's time (goal ≤ 0.5×: met)")]
    public void A_printed_ratio_never_reads_as_meeting_a_goal_it_misses(string kind, string goal, string provision, string ansible, string expected) =>
        Assert.Equal(expected, Ok("bench_verdict", [kind, goal, provision, ansible]));

    [Theory]
    [InlineData("faster", "30", "0", "7.5", "median of 0 s")]
    [InlineData("cold", "0.45", "18.5", "0.000", "median of 0 s")]
    [InlineData("faster", "30", "", "7.5", "provision's median '' is not a time")]
    [InlineData("faster", "30", "0.25", "", "ansible-core's median '' is not a time")]
    [InlineData("faster", "30", "?", "7.5", "provision's median '?' is not a time")]
    [InlineData("faster", "30", "-0.25", "7.5", "is not a time")]
    [InlineData("faster", "30", "0,25", "7.5", "is not a time")]
    [InlineData("faster", "30", "2.5e-1", "7.5", "is not a time")]
    [InlineData("faster", "30", "0.2500001", "7.5", "at most 6 decimals")]
    [InlineData("faster", "0", "0.25", "7.5", "goal '0' is not a positive number")]
    [InlineData("faster", "", "0.25", "7.5", "goal '' is not a positive number")]
    [InlineData("cold", "0.455", "1", "2", "goal '0.455' is not a positive number with at most two decimals")]
    [InlineData("slower", "30", "0.25", "7.5", "verdict kind 'slower' is neither faster nor cold")]
    public void Zero_missing_or_malformed_values_give_an_error_not_a_verdict(string kind, string goal, string provision, string ansible, string message)
    {
        var result = Bash("bench_verdict", [kind, goal, provision, ansible]);

        Assert.Equal(1, result.Exit);
        Assert.Equal("", result.Output);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_verdict_without_its_medians_is_an_error() =>
        Assert.Equal(1, Bash("bench_verdict", ["faster", "30"]).Exit);

    [Theory]
    [InlineData("0.243 0.242 0.242 0.250 0.244", "0.243")]
    [InlineData("0.243 0.242", "0.2425")]                   // the mean of the middle two, exact
    [InlineData("0.244 0.242", "0.243")]
    [InlineData("3.72\n3.83\n4.18\n", "3.83")]
    [InlineData("0.83 0.8 0.81 0.84", "0.82")]
    [InlineData("7 8", "7.5")]
    [InlineData("18.558", "18.558")]
    [InlineData("10.5 9.25 100", "10.50")]                  // sorted as numbers, not as text
    public void The_median_is_exact(string values, string median) => Assert.Equal(median, Ok("bench_median", [], values));

    [Theory]
    [InlineData("", "no values")]
    [InlineData("  \n", "no values")]
    [InlineData("0.24 fast", "'fast' is not a time")]
    [InlineData("0.242 0.2425001", "at most 5 decimals")]
    public void A_median_of_nothing_or_of_text_is_an_error(string values, string message)
    {
        var result = Bash("bench_median", [], values);

        Assert.Equal(1, result.Exit);
        Assert.Equal("", result.Output);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bench_maximum", "114 91 9", "114")]
    [InlineData("bench_maximum", "3.72 3.83 4.18", "4.18")]
    [InlineData("bench_minimum", "3.83 27.86 3.54", "3.54")]
    [InlineData("bench_minimum", "0 3", "0")]
    public void Maximum_and_minimum_compare_as_numbers(string function, string values, string expected) =>
        Assert.Equal(expected, Ok(function, [], values));

    [Theory]
    [InlineData("bench_maximum", "")]
    [InlineData("bench_minimum", "12 MiB")]
    public void Maximum_and_minimum_refuse_nothing_and_text(string function, string values) =>
        Assert.Equal(1, Bash(function, [], values).Exit);

    [Theory]
    [InlineData("compare.sh")]
    [InlineData("scale.sh")]
    [InlineData("run.sh")]
    public void The_benchmark_scripts_take_their_arithmetic_from_the_tested_file(string script)
    {
        var text = File.ReadAllText(Path.Combine(Repository.Root(), "benchmarks", script));

        Assert.Contains("source benchmarks/lib/ratio.sh", text, StringComparison.Ordinal);
        Assert.DoesNotContain("median() {", text, StringComparison.Ordinal);
        Assert.DoesNotContain("maximum() {", text, StringComparison.Ordinal);
        Assert.DoesNotContain("a / b", text, StringComparison.Ordinal);
    }

    private static string Ok(string function, string[] arguments, string input = "")
    {
        var result = Bash(function, arguments, input);
        Assert.True(result.Exit == 0 && result.Error.Length == 0, $"exit {result.Exit}: {result.Error}");
        return result.Output.TrimEnd('\n');
    }

    /// <summary>Sources the library in a fresh bash with set -euo pipefail (as the scripts run) and calls one function.</summary>
    private static (int Exit, string Output, string Error) Bash(string function, string[] arguments, string input = "") =>
        LocalProcess.Run(
            "bash",
            ["-c", "set -euo pipefail; source \"$0\"; \"$@\"", Path.Combine(Repository.Root(), "benchmarks", "lib", "ratio.sh"), function, .. arguments],
            new Dictionary<string, string> { ["LC_ALL"] = "C.UTF-8" },
            input,
            timeoutSeconds: 10);
}
