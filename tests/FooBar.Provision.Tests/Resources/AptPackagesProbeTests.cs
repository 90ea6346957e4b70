using FooBar.Provision.Facts;
using FooBar.Provision.Planning;
using FooBar.Provision.Resources;

namespace FooBar.Provision.Tests.Resources;

/// <summary>
/// The package probe starts no <c>date</c>, <c>stat</c> or <c>grep</c> on a converged host, and its answer compares
/// exactly as the earlier probe's (which always printed the cache's age) in every state a package can be in: in a real
/// shell (dash and bash) against stubs of <c>dpkg-query</c>, <c>date</c> and <c>stat</c>.
/// </summary>
public sealed class AptPackagesProbeTests : IDisposable
{
    // The probe before the cache's age was made conditional, as it was sent (the reference for every answer).
    private const string EarlierProbe =
        "dpkg-query -W -f='${Package} ${Status}\\n' mariadb-server nginx libc6 2>/dev/null; " +
        "echo \"cache_age $(( $(date +%s) - $(stat -c %Y /var/cache/apt/pkgcache.bin 2>/dev/null || echo 0) ))\"; " +
        "if [ -s /var/lib/foobar-provision/unsafe-io-packages ]; then sed 's/^/unsafe_io /' /var/lib/foobar-provision/unsafe-io-packages; fi; " +
        "if grep -qxF -- '# FooBar.Provision: services held back during its package install; removed when the install ends' /usr/sbin/policy-rc.d 2>/dev/null; then echo policy_hold_left; fi";

    private const string Installed = "mariadb-server install ok installed\nnginx install ok installed\nlibc6 install ok installed\n";

    private readonly ProbeShell _shell = new();
    private readonly AptPackages _packages = new(["mariadb-server", "nginx", "libc6"]);

    public AptPackagesProbeTests()
    {
        _shell.Stub("dpkg-query", "cat \"$(dirname \"$0\")/dpkg-status\" 2>/dev/null; exit 0");
        _shell.Stub("date", "echo 1000000");
        _shell.Stub("stat", "echo 990000");
    }

    public void Dispose() => _shell.Dispose();

    private string Marker => Path.Combine(_shell.Root, "unsafe-io-packages");

    private string Policy => Path.Combine(_shell.Root, "policy-rc.d");

    [Theory]
    [InlineData("/bin/sh")]
    [InlineData("/bin/bash")]
    public void A_converged_host_starts_dpkg_query_alone_and_gets_no_cache_age(string shell)
    {
        _shell.Shell = shell;
        Status(Installed);

        var answer = Probe(AptPackagesProbe());

        Assert.Equal(Installed, answer.Output);
        Assert.Equal(["dpkg-query -W -f=${Package} ${Status}\\n mariadb-server nginx libc6"], _shell.Calls);
        Assert.Null(_packages.Compare(answer, new PlanContext(HostFacts.Debian12)));
    }

    /// <summary>Each state a package can be in (removed, held, half-installed, upgraded, two architectures…): the same comparison as the earlier probe's.</summary>
    [Theory]
    [InlineData("/bin/sh", "mariadb-server install ok installed\nnginx hold ok installed\nlibc6 install ok installed\n", false)]
    [InlineData("/bin/sh", "mariadb-server deinstall ok config-files\nnginx install ok installed\nlibc6 install ok installed\n", true)]
    [InlineData("/bin/sh", "mariadb-server install ok half-installed\nnginx install ok installed\nlibc6 install ok installed\n", true)]
    [InlineData("/bin/sh", "mariadb-server install ok unpacked\nnginx install ok half-configured\nlibc6 install ok installed\n", true)]
    [InlineData("/bin/sh", "mariadb-server install reinstreq half-installed\nnginx install ok installed\nlibc6 install ok installed\n", true)]
    [InlineData("/bin/sh", "nginx install ok installed\nlibc6 install ok installed\n", true)]
    [InlineData("/bin/sh", "mariadb-server install ok installed\nnginx install ok installed\nlibc6 install ok installed\nlibc6 install ok installed\n", false)]
    [InlineData("/bin/sh", "mariadb-server install ok installed\nnginx install ok installed\nlibc6 deinstall ok config-files\nlibc6 install ok installed\n", false)]
    [InlineData("/bin/sh", "mariadb-server install ok installed\nnginx install ok triggers-pending\nlibc6 install ok installed\n", true)]
    [InlineData("/bin/sh", "mariadb-server-core install ok installed\nnginx install ok installed\nlibc6 install ok installed\n", true)]
    [InlineData("/bin/sh", "", true)]
    [InlineData("/bin/bash", "mariadb-server install ok installed\nnginx hold ok installed\nlibc6 install ok installed\n", false)]
    [InlineData("/bin/bash", "mariadb-server deinstall ok config-files\nnginx install ok installed\nlibc6 install ok installed\n", true)]
    [InlineData("/bin/bash", "mariadb-server install ok half-installed\nnginx install ok installed\nlibc6 install ok installed\n", true)]
    [InlineData("/bin/bash", "", true)]
    public void Every_package_state_compares_as_with_the_earlier_probe(string shell, string status, bool ageShown)
    {
        _shell.Shell = shell;
        Status(status);

        var now = Probe(AptPackagesProbe());
        var before = Probe(EarlierProbe);

        Assert.Equal(ageShown, now.Lines.Contains("cache_age 10000"));
        Assert.Equal(Summary(before), Summary(now));
        Assert.Equal(before.Output.Replace("cache_age 10000\n", "", StringComparison.Ordinal), now.Output.Replace("cache_age 10000\n", "", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/bin/sh")]
    [InlineData("/bin/bash")]
    public void An_install_that_did_not_finish_gets_the_cache_age_even_when_every_package_is_installed(string shell)
    {
        _shell.Shell = shell;
        Status(Installed);
        File.WriteAllText(Marker, "nginx\n");

        var now = Probe(AptPackagesProbe());
        var before = Probe(EarlierProbe);

        Assert.Contains("cache_age 10000", now.Lines);
        Assert.Contains("unsafe_io nginx", now.Lines);
        Assert.Equal(Summary(before), Summary(now));
    }

    [Theory]
    [InlineData("/bin/sh", null)]
    [InlineData("/bin/sh", "#!/bin/sh\n# the administrator's own\nexit 0\n")]
    [InlineData("/bin/sh", "#!/bin/sh\n" + AptPackages.HoldMark + "\nexit 101\n")]
    [InlineData("/bin/bash", "#!/bin/sh\n" + AptPackages.HoldMark + "\nexit 101\n")]
    public void A_left_hold_is_seen_as_before_and_no_grep_starts_without_a_policy(string shell, string? policy)
    {
        _shell.Shell = shell;
        _shell.Stub("grep", "exec /bin/grep \"$@\"");
        Status(Installed);
        if (policy is not null)
        {
            File.WriteAllText(Policy, policy);
        }

        _shell.ClearCalls();
        var now = Probe(AptPackagesProbe());
        var grepped = _shell.Calls.Any(c => c.StartsWith("grep ", StringComparison.Ordinal));
        var before = Probe(EarlierProbe);

        Assert.Equal(policy is not null, grepped);
        Assert.Equal(policy?.Contains(AptPackages.HoldMark, StringComparison.Ordinal) == true, now.Lines.Contains("policy_hold_left"));
        Assert.Equal(Summary(before), Summary(now));
    }

    private string AptPackagesProbe() => _packages.ProbeScript.Text;

    private void Status(string lines) => File.WriteAllText(Path.Combine(_shell.Bin, "dpkg-status"), lines);

    // The probe as the batch runs it, with the host's marker and policy paths in the test's folder.
    private ProbeResult Probe(string script)
    {
        const string marker = "@@fbp-0123456789ab";
        var hermetic = script.Replace(AptPackages.MarkerPath, Marker, StringComparison.Ordinal).Replace(AptPackages.PolicyPath, Policy, StringComparison.Ordinal);
        var batch = $"echo {marker} 0; ( {hermetic}\n) </dev/null 2>/dev/null; echo {marker}-end 0 \"$?\"\n";
        return ProbeBatch.Parse(_shell.Run(batch), marker, [_packages])[0];
    }

    private string? Summary(ProbeResult probe) => _packages.Compare(probe, new PlanContext(HostFacts.Debian12))?.Summary;
}
