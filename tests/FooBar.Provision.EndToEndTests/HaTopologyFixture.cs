using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace FooBar.Provision.EndToEndTests;

/// <summary>
/// The HA topology on six pristine lab hosts, converged from nothing by ONE apply of the whole inventory (group web has
/// <c>serial: 1</c>, so the load balancers and databases converge first and the web servers, whose health check needs
/// the primary, one at a time after them), then the whole topology again. The tests of the collection go on
/// from there, each leaving the topology as it found it (converged, lb1 holding the virtual IP, every server up).
/// </summary>
public sealed class HaTopologyFixture
{
    public HaTopologyFixture()
    {
        UpSeconds = HaLab.UpFresh();
        var clock = Stopwatch.StartNew();
        ColdApply = Provision.Json("apply", HaLab.Inventory);
        ColdSeconds = clock.Elapsed.TotalSeconds;
        clock.Restart();
        SecondApply = Provision.Json("apply", HaLab.Inventory);
        SecondSeconds = clock.Elapsed.TotalSeconds;
        Record(string.Create(CultureInfo.InvariantCulture,
            $"lab up --topology ha --fresh {UpSeconds:F1} s; cold converge in one apply {ColdSeconds:F1} s, exit {ColdApply.Exit}; " +
            $"second apply {SecondSeconds:F2} s, exit {SecondApply.Exit}, changed={RolesLab.Changed(SecondApply.Report)}"));
    }

    public double UpSeconds { get; }

    public (int Exit, JsonElement Report, string Raw) ColdApply { get; }

    public double ColdSeconds { get; }

    public (int Exit, JsonElement Report, string Raw) SecondApply { get; }

    public double SecondSeconds { get; }

    /// <summary>Appends a measured figure to artifacts/e2e-ha.log (the figures of docs/topologies.md come from there).</summary>
    public static void Record(string line)
    {
        var directory = Path.Combine(Lab.RepositoryRoot, "artifacts");
        Directory.CreateDirectory(directory);
        File.AppendAllText(Path.Combine(directory, "e2e-ha.log"), $"{DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm:ss}Z {line}\n");
    }

    /// <summary>The topology is as the tests expect to find it: lb1 holds the virtual IP, every web server is UP on both load balancers.</summary>
    public void AssertSteady()
    {
        Assert.True(HaLab.WaitFor(() => HaLab.VipHolder() == HaLab.Lb1, TimeSpan.FromSeconds(20)), $"the virtual IP is on {HaLab.VipHolder()?.ToString(CultureInfo.InvariantCulture) ?? "no host"}, not lb1");
        foreach (var lb in new[] { HaLab.Lb1, HaLab.Lb2 })
        {
            foreach (var web in new[] { "web1", "web2" })
            {
                Assert.True(HaLab.WaitFor(() => HaLab.ServerStatus(lb, web) == "UP", TimeSpan.FromSeconds(30)), $"{web} is {HaLab.ServerStatus(lb, web)} on {HaLab.Name(lb)}");
            }
        }
    }
}

[CollectionDefinition(Name)]
public sealed class HaTopologyCollection : ICollectionFixture<HaTopologyFixture>
{
    public const string Name = "HA topology on lab11..16";
}
