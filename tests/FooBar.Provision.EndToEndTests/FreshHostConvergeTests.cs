using Xunit.Abstractions;

namespace FooBar.Provision.EndToEndTests;

[Collection(WebStackCollection.Name)]
public sealed class FreshHostConvergeTests(WebStackFixture stack, ITestOutputHelper output)
{
    [Fact]
    public void Plan_on_a_fresh_host_lists_changes_and_writes_nothing()
    {
        Assert.True(stack.Plan.Exit == 2, stack.Plan.Raw);
        Assert.NotEmpty(Provision.Ids(stack.Plan.Report, "pending"));
        Assert.Equal(stack.ChecksumBeforePlan, stack.ChecksumAfterPlan);
    }

    [Fact]
    public void Apply_makes_exactly_the_planned_changes()
    {
        Assert.True(stack.FirstApply.Exit == 0, stack.FirstApply.Raw);
        var planned = Provision.Ids(stack.Plan.Report, "pending").Order();
        var changed = Provision.Ids(stack.FirstApply.Report, "changed").Order();
        Assert.Equal(planned, changed);
        output.WriteLine($"cold apply of the whole stack: {stack.FirstApplySeconds:F1} s, {changed.Count()} changes, round trips {RoundTrips(stack.FirstApply.Report)}");
    }

    [Fact]
    public void A_second_apply_changes_nothing_in_one_round_trip()
    {
        // The first apply cached the host's facts (docs/facts-cache.md): facts, lock and probes go in one script.
        Assert.True(stack.SecondApply.Exit == 0, stack.SecondApply.Raw);
        Assert.Empty(Provision.Ids(stack.SecondApply.Report, "changed"));
        Assert.Equal(1, RoundTrips(stack.SecondApply.Report));
        output.WriteLine($"no-op apply: {stack.SecondApplySeconds:F2} s, round trips {RoundTrips(stack.SecondApply.Report)}");
    }

    [Fact]
    public void Plan_on_the_converged_host_finds_nothing_and_exits_0()
    {
        Assert.True(stack.PlanAfter.Exit == 0, stack.PlanAfter.Raw);
        Assert.Empty(Provision.Ids(stack.PlanAfter.Report, "pending"));
        output.WriteLine($"plan on the converged host: {stack.PlanAfterSeconds:F2} s");
    }

    private static int RoundTrips(System.Text.Json.JsonElement report) => report.GetProperty("totals").GetProperty("roundTrips").GetInt32();
}
