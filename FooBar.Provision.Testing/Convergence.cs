namespace FooBar.Provision.Testing;

/// <summary>The three runs of <see cref="RoleHarness.ConvergeAsync"/>: the plan, the apply that converged, the apply that changed nothing.</summary>
/// <param name="Plan">The plan on the untouched host.</param>
/// <param name="FirstApply">The apply that made the changes.</param>
/// <param name="SecondApply">The apply on the converged host (no changes).</param>
public sealed record Convergence(RoleRun Plan, RoleRun FirstApply, RoleRun SecondApply);
