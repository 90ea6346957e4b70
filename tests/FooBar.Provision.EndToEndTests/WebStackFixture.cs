using System.Diagnostics;
using System.Text.Json;

namespace FooBar.Provision.EndToEndTests;

/// <summary>
/// A fresh lab host 1 taken through the user's flow once: plan (nothing written), apply, apply again, plan again.
/// The tests of the collection read what happened, then go on from the converged host.
/// </summary>
public sealed class WebStackFixture
{
    // Everything a plan could touch by mistake: files (content, mode, owner) under /etc, /srv, /var/www, and the packages.
    private const string StateChecksum =
        "{ find /etc /srv /var/www -xdev \\( -type f -o -type l -o -type d \\) -printf '%p %m %u %g %l\\n' 2>/dev/null | sort; " +
        "find /etc /srv /var/www -xdev -type f -print0 2>/dev/null | sort -z | xargs -0 sha256sum; dpkg-query -W; } | sha256sum";

    public WebStackFixture()
    {
        Lab.UpWithFreshHost(2, Host);
        Inventory = LabInventory.Write(Host, "mysql, app-files, app-server, nginx",
            $"  domain: www.foobar.com\n  domain_aliases: [foobar.com]\n  app_source: {Path.Combine(Lab.RepositoryRoot, "app", "python")}");
        ChecksumBeforePlan = Lab.Ssh(Host, StateChecksum);
        Plan = Provision.Json("plan", Inventory);
        ChecksumAfterPlan = Lab.Ssh(Host, StateChecksum);
        var clock = Stopwatch.StartNew();
        FirstApply = Provision.Json("apply", Inventory);
        FirstApplySeconds = clock.Elapsed.TotalSeconds;
        clock.Restart();
        SecondApply = Provision.Json("apply", Inventory);
        SecondApplySeconds = clock.Elapsed.TotalSeconds;
        clock.Restart();
        PlanAfter = Provision.Json("plan", Inventory);
        PlanAfterSeconds = clock.Elapsed.TotalSeconds;
    }

    public const int Host = 1;

    public string Inventory { get; }

    public string ChecksumBeforePlan { get; }

    public string ChecksumAfterPlan { get; }

    public (int Exit, JsonElement Report, string Raw) Plan { get; }

    public (int Exit, JsonElement Report, string Raw) FirstApply { get; }

    public (int Exit, JsonElement Report, string Raw) SecondApply { get; }

    public (int Exit, JsonElement Report, string Raw) PlanAfter { get; }

    public double FirstApplySeconds { get; }

    public double SecondApplySeconds { get; }

    public double PlanAfterSeconds { get; }
}

[CollectionDefinition(Name)]
public sealed class WebStackCollection : ICollectionFixture<WebStackFixture>
{
    public const string Name = "web stack on lab1";
}
