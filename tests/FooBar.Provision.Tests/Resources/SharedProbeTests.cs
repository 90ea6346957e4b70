using FooBar.Provision.Planning;
using FooBar.Provision.Resources;
using FooBar.Provision.Transport;

namespace FooBar.Provision.Tests.Resources;

/// <summary>The engine's side of <see cref="SharedProbe"/>: a gather runs once per batch, members answer from their lines, the rest alone.</summary>
public sealed class SharedProbeTests
{
    [Theory]
    [InlineData("/bin/sh")]
    [InlineData("/bin/bash")]
    public void A_member_answers_from_all_its_blocks_in_order_and_one_left_out_runs_its_own_probe(string shell)
    {
        using var probes = new ProbeShell(shell);
        var shared = new Shared($$"""
            printf '%s\n' {{SharedProbe.Header(2)}} 'two a' {{SharedProbe.Header(0)}} 'zero a' 'zero b'
            printf '%s\n' {{SharedProbe.Header(0)}} 'zero c' {{SharedProbe.Header(3)}}
            """);
        var members = Enumerable.Range(0, 5).Select(i => new Member("m" + i, shared)).ToArray();
        Resource[] batch = [new Member("alone", null), .. members];

        var answers = probes.Batched(batch).Select(a => a.Output).ToArray();

        Assert.Equal("alone:alone\n", answers[0]);
        Assert.Equal("shared:zero a\nzero b\nzero c\n", answers[1]);
        Assert.Equal("alone:m1\n", answers[2]);
        Assert.Equal("shared:two a\n", answers[3]);
        Assert.Equal("shared:\n", answers[4]);
        Assert.Equal("alone:m4\n", answers[5]);
    }

    [Fact]
    public void Member_one_is_not_member_ten_or_eleven()
    {
        using var probes = new ProbeShell();
        var shared = new Shared($$"""printf '%s\n' {{SharedProbe.Header(10)}} ten {{SharedProbe.Header(11)}} eleven {{SharedProbe.Header(1)}} one""");
        var members = Enumerable.Range(0, 12).Select(i => new Member("m" + i, shared)).ToArray();

        var answers = probes.Batched(members).Select(a => a.Output).ToArray();

        Assert.Equal("shared:one\n", answers[1]);
        Assert.Equal("shared:ten\n", answers[10]);
        Assert.Equal("shared:eleven\n", answers[11]);
        Assert.Equal("alone:m0\n", answers[0]);
    }

    [Fact]
    public void A_gather_runs_once_per_batch_and_a_lone_member_runs_no_gather()
    {
        using var probes = new ProbeShell();
        probes.Stub("gather", "echo 'fb-member 0'; echo zero; echo 'fb-member 1'; echo one");
        var shared = new Shared($"gather");

        var two = probes.Batched([new Member("a", shared), new Member("b", shared)]);
        Assert.Equal(["gather "], probes.Calls);
        Assert.Equal(["shared:zero\n", "shared:one\n"], two.Select(a => a.Output));

        probes.ClearCalls();
        var one = ProbeBatch.Script([new Member("a", shared)], "@@fbp-0123456789ab").Text;
        Assert.DoesNotContain("gather", one, StringComparison.Ordinal);
        Assert.DoesNotContain("fb_member", one, StringComparison.Ordinal);
    }

    [Fact]
    public void A_gather_that_fails_vouches_for_nobody_even_for_what_it_printed_first()
    {
        using var probes = new ProbeShell();
        var shared = new Shared($"echo 'fb-member 0'; echo zero; echo 'fb-member 1' >&2; exit 3");

        var answers = probes.Batched([new Member("a", shared), new Member("b", shared)]);

        Assert.Equal(["alone:a\n", "alone:b\n"], answers.Select(a => a.Output));
    }

    [Fact]
    public void Groups_are_by_shared_probe_and_a_batch_without_groups_is_as_before()
    {
        var first = new Shared($"echo first");
        var second = new Shared($"echo second");
        var script = ProbeBatch.Script([new Member("a", first), new Member("b", second), new Member("c", first), new Member("d", second)], "@@fbp-0123456789ab").Text;
        Assert.Contains("fb_g0=$( ( echo first", script, StringComparison.Ordinal);
        Assert.Contains("fb_g1=$( ( echo second", script, StringComparison.Ordinal);
        Assert.Contains("if fb_member \"$fb_g0\" 1; then", script, StringComparison.Ordinal);
        Assert.Contains("if fb_member \"$fb_g1\" 1; then", script, StringComparison.Ordinal);

        var plain = ProbeBatch.Script([new Member("a", null), new Member("b", null)], "@@fbp-0123456789ab").Text;
        Assert.Equal("echo '@@fbp-0123456789ab 0'; ( echo alone:a\n) </dev/null 2>/dev/null; echo @@fbp-0123456789ab-end 0 \"$?\"\n" +
                     "echo '@@fbp-0123456789ab 1'; ( echo alone:b\n) </dev/null 2>/dev/null; echo @@fbp-0123456789ab-end 1 \"$?\"\n", plain);
    }

    private sealed class Shared(ShellScript gather) : SharedProbe
    {
        public override ShellScript Gather(IReadOnlyList<Resource> members) => gather;
    }

    private sealed class Member(string name, SharedProbe? shared) : Resource
    {
        public override string Kind => "member";

        public override string Name => name;

        public override ShellScript ProbeScript => $"echo {"alone:" + name}";

        public override SharedProbe? SharedProbe => shared;

        public override ShellScript ProbeFromShared => $"printf 'shared:%s\\n' \"$fb_shared\"";

        public override ResourceChange? Compare(ProbeResult current, PlanContext context) => null;
    }
}
