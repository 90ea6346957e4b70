using System.Diagnostics;
using FooBar.Provision.Facts;
using FooBar.Provision.Resources;
using FooBar.Provision.Tests.Inventory;
using FooBar.Provision.Transport;
using Moq;

namespace FooBar.Provision.Tests.Resources;

/// <summary>dpkg's per-file fsync is skipped only for an install that adds packages and touches none installed; one that did not finish is redone.</summary>
public sealed class AptPackagesUnsafeIoTests : IDisposable
{
    private const string OnlyNew = "Inst nginx-common (1.22.1-9 Debian:12/stable [all])\nInst nginx (1.22.1-9 Debian:12/stable [amd64])\nConf nginx-common (1.22.1-9 Debian:12/stable [all])\n";
    private const string Upgrades = "Inst libssl3 [3.0.11-1~deb12u2] (3.0.15-1~deb12u1 Debian-Security:12/stable-security [amd64])\nInst nginx (1.22.1-9 Debian:12/stable [amd64])\n";
    private const string Removes = "Remv exim4 [4.96-15]\nInst nginx (1.22.1-9 Debian:12/stable [amd64])\n";

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData(OnlyNew, "", true)]
    [InlineData(Upgrades, "", false)]
    [InlineData(Removes, "", false)]
    [InlineData(OnlyNew, "-f", false)]
    public void Unsafe_io_is_chosen_only_when_the_install_adds_packages_and_touches_none_installed(string simulation, string fix, bool unsafeIo)
    {
        var output = RunFunctions(
            AptPackages.UnsafeIoFunctions(Marks).Text + $"fb_fix='{fix}'; fb_unsafe_io nginx; echo \"io=$fb_io\"; cat \"$fb_mark_dir/unsafe-io-packages\" 2>/dev/null | sed 's/^/mark /'",
            apt: $"#!/bin/sh\n[ \"$1\" = -s ] || exit 9\nprintf '%s' '{simulation}'\n");

        if (unsafeIo)
        {
            Assert.Equal(["io=-o Dpkg::Options::=--force-unsafe-io", "mark nginx-common", "mark nginx"], output);
        }
        else
        {
            Assert.Equal(["io="], output);
        }
    }

    [Fact]
    public void A_failed_simulation_keeps_the_safe_default()
    {
        var output = RunFunctions(AptPackages.UnsafeIoFunctions(Marks).Text + "fb_fix=''; fb_unsafe_io nginx; echo \"io=$fb_io\"; if [ -e \"$fb_mark_dir\" ]; then echo recorded; fi", apt: "#!/bin/sh\nexit 100\n");

        Assert.Equal(["io="], output);
    }

    [Fact]
    public void The_record_goes_after_the_final_sync_and_the_run_says_it_used_unsafe_io()
    {
        var output = RunFunctions(
            AptPackages.UnsafeIoFunctions(Marks).Text + "fb_fix=''; fb_unsafe_io nginx; fb_unsafe_done; ls -A \"$fb_mark_dir\"",
            apt: $"#!/bin/sh\nprintf '%s' '{OnlyNew}'\n");

        Assert.Equal(["fb-unsafe-io"], output);
    }

    [Fact]
    public void The_install_script_asks_for_the_choice_before_installing_and_clears_the_record_after()
    {
        var script = SentScript(new ProbeResult(0, "cache_age 5\n"), out var change);

        Assert.Equal("install nginx", change.Summary);
        Assert.Contains("fb_mark_dir=/var/lib/foobar-provision\n", script, StringComparison.Ordinal);
        Assert.Contains("fb_dpkg_repair; fb_unsafe_io nginx; fb_apt install $fb_fix $fb_io -y -q --no-install-recommends", script, StringComparison.Ordinal);
        Assert.EndsWith("-- nginx; fb_apt_report; fb_unsafe_done", script, StringComparison.Ordinal);
    }

    [Fact]
    public void An_install_that_did_not_reach_its_sync_is_shown_and_redone_with_safe_io()
    {
        var probe = new ProbeResult(0, "nginx install ok installed\nnginx-common install ok installed\ncache_age 5\nunsafe_io nginx-common\nunsafe_io nginx\n");

        var script = SentScript(probe, out var change, "nginx", "cron");

        Assert.Equal("reinstall nginx-common, nginx (an install without per-file fsync did not finish: a crash may have left their files incomplete), install cron", change.Summary);
        Assert.Contains("fb_empty_conffiles nginx-common nginx; fb_apt install $fb_fix -y -q --no-install-recommends --reinstall", script, StringComparison.Ordinal);
        Assert.Contains("-o Dpkg::Options::=--force-confmiss -- nginx-common nginx cron; fb_apt_report; rm -f /var/lib/foobar-provision/unsafe-io-packages", script, StringComparison.Ordinal);
        Assert.DoesNotContain("fb_io", script, StringComparison.Ordinal);
    }

    [Fact]
    public void The_probe_reads_the_record_and_a_converged_host_without_one_needs_nothing()
    {
        var packages = new AptPackages(["nginx"]);

        Assert.Contains("if [ -s /var/lib/foobar-provision/unsafe-io-packages ]; then sed 's/^/unsafe_io /' /var/lib/foobar-provision/unsafe-io-packages; fi", packages.ProbeScript.Text, StringComparison.Ordinal);
        Assert.Null(packages.Compare(new ProbeResult(0, "nginx install ok installed\ncache_age 5\n"), new PlanContext(HostFacts.Debian12)));
    }

    [Fact]
    public void Only_the_empty_configuration_files_of_the_packages_are_removed_for_dpkg_to_restore()
    {
        var empty = _directory.Write("etc/nginx/nginx.conf", "");
        var kept = _directory.Write("etc/nginx/mime.types", "types {}\n");
        var query = $"#!/bin/sh\nprintf ' %s 0123\\n %s 4567\\n' '{empty}' '{kept}'\n";

        RunFunctions(AptPackages.RedoFunctions.Text + "fb_empty_conffiles nginx", dpkgQuery: query);

        Assert.False(File.Exists(empty));
        Assert.True(File.Exists(kept));
    }

    [Fact]
    public async Task The_report_says_when_the_install_skipped_the_per_file_fsync()
    {
        var connection = new Mock<IHostConnection>(MockBehavior.Strict);
        connection.Setup(c => c.RunAsync(It.IsAny<RemoteCommand>(), It.IsAny<CancellationToken>())).ReturnsAsync(new CommandResult(0, "fb-unsafe-io\n", string.Empty));
        var change = new AptPackages(["nginx"]).Compare(new ProbeResult(0, "cache_age 5\n"), new PlanContext(HostFacts.Debian12))!;

        await change.Apply(connection.Object, CancellationToken.None);

        Assert.Equal("new packages only: unpacked without dpkg's per-file fsync, then one sync", change.AppliedNote?.Invoke());
    }

    private string Marks => Path.Combine(_directory.Path, "state");

    private static string SentScript(ProbeResult probe, out ResourceChange change, params string[] packages)
    {
        var sent = new List<RemoteCommand>();
        var connection = new Mock<IHostConnection>(MockBehavior.Strict);
        connection.Setup(c => c.RunAsync(It.IsAny<RemoteCommand>(), It.IsAny<CancellationToken>()))
            .Callback<RemoteCommand, CancellationToken>((command, _) => sent.Add(command))
            .ReturnsAsync(new CommandResult(0, string.Empty, string.Empty));
        change = new AptPackages(packages.Length == 0 ? ["nginx"] : packages).Compare(probe, new PlanContext(HostFacts.Debian12))!;
        change.Apply(connection.Object, CancellationToken.None).GetAwaiter().GetResult();
        return Assert.Single(sent).Script;
    }

    /// <summary>Runs <paramref name="script"/> in a real /bin/sh with stand-ins for apt-get and dpkg-query first on PATH; returns its output lines.</summary>
    private string[] RunFunctions(string script, string apt = "#!/bin/sh\nexit 100\n", string dpkgQuery = "#!/bin/sh\nexit 1\n")
    {
        var bin = Path.Combine(_directory.Path, "bin");
        Directory.CreateDirectory(bin);
        foreach (var (name, body) in new[] { ("apt-get", apt), ("dpkg-query", dpkgQuery) })
        {
            var file = Path.Combine(bin, name);
            File.WriteAllText(file, body);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        var start = new ProcessStartInfo("/bin/sh", ["-c", "set -e\n" + script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["PATH"] = bin + ":" + Environment.GetEnvironmentVariable("PATH");
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}: {error.Result}");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
