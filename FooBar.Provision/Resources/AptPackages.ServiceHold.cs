using FooBar.Provision.Transport;

namespace FooBar.Provision.Resources;

/// <summary>
/// Holding back service starts while packages install (Debian's <c>policy-rc.d</c> protocol), and never leaving that
/// hold behind.
/// </summary>
/// <remarks>
/// <para>A package's maintainer script starts its service through <c>invoke-rc.d</c>/<c>deb-systemd-invoke</c>, which
/// ask <see cref="PolicyPath"/> first; exit 101 means "not now". The install writes one that says so, marked as ours by
/// <see cref="HoldMark"/>, so a service starts only once, after its role has written its configuration, and removes it
/// when the install's script ends however it ends (exit trap). A host's own policy (a file without the mark) is kept
/// and obeyed.</para>
/// <para>Only a shell that never ran its exit trap (killed with SIGKILL, the OOM killer, a crash of the machine) leaves the
/// hold behind, and a hold left there would keep every later install's services from starting and keep
/// unattended-upgrades from restarting what it upgrades. So a hold with our mark is never taken for the host's own: the
/// probe reports it, the next plan shows its removal, and the next apply removes it once no process holds the package
/// manager's locks (or takes it over for its own install and removes it at the end).</para>
/// </remarks>
public sealed partial class AptPackages
{
    /// <summary>Where Debian's tools look for the policy that may hold back service starts.</summary>
    public const string PolicyPath = "/usr/sbin/policy-rc.d";

    /// <summary>The line that marks a <see cref="PolicyPath"/> as the hold of one of our installs (never a host's own).</summary>
    public const string HoldMark = "# FooBar.Provision: services held back during its package install; removed when the install ends";

    private const string HoldLeft = "policy_hold_left";

    // fb_hold: holds service starts unless the host has its own policy; a hold of ours that a killed install left is taken
    // over. Written whole (synced, then renamed into place), so a crash leaves either no file or a complete one with the
    // mark. fb_release: removes a hold of ours, whoever wrote it; a host's own policy is never touched.
    internal static ShellScript HoldFunctions(string policyPath) =>
        $"fb_policy={policyPath}; fb_hold_mark={HoldMark}\n" + HoldBodies;

    private static readonly ShellScript HoldBodies = $$"""
        fb_hold() {
          if [ -e "$fb_policy" ] && ! grep -qxF -- "$fb_hold_mark" "$fb_policy" 2>/dev/null; then return 0; fi
          printf '#!/bin/sh\n%s\nexit 101\n' "$fb_hold_mark" > "$fb_policy.fb-new" && chmod 755 "$fb_policy.fb-new" &&
            sync "$fb_policy.fb-new" && mv -f "$fb_policy.fb-new" "$fb_policy" || rm -f "$fb_policy.fb-new"
        }
        fb_release() { if grep -qxF -- "$fb_hold_mark" "$fb_policy" 2>/dev/null; then rm -f "$fb_policy"; fi; }

        """;

    /// <summary>The probe's addition: whether a hold of ours is still there (no <c>grep</c> starts on a host without a policy).</summary>
    private static ShellScript HoldProbe => $"; if [ -e {PolicyPath} ] && grep -qxF -- {HoldMark} {PolicyPath} 2>/dev/null; then echo {HoldLeft}; fi";

    private static bool HoldWasLeft(ProbeResult current) => current.Lines.Any(l => l.Trim() == HoldLeft);

    private const string LeftHoldText = "the policy-rc.d that a killed package install left (it keeps services from starting)";

    private ResourceChange ReleaseChange()
    {
        var waited = new AppliedNote();
        var script = ReleaseScript();
        return new ResourceChange(ChangeAction.Delete, $"remove {LeftHoldText}", (connection, cancellationToken) => InstallAsync(connection, script, waited, cancellationToken))
        {
            AppliedNote = () => waited.Text,
        };
    }

    // Removes a hold that a killed install left, once no process holds the package manager's locks (one still running
    // keeps its hold until it ends); a wait that runs out fails like an install's.
    private ShellScript ReleaseScript() =>
        $"{AptLockWait.Functions(LockTimeout)}{HoldFunctions(PolicyPath)}trap 'rm -f \"$fb_err\"' EXIT; " +
        $"while fb_h=$(fb_lock_holder) && [ -n \"$fb_h\" ]; do fb_holder=$fb_h; fb_wait_once; done; fb_release; fb_apt_report";
}
