namespace FooBar.Provision.EndToEndTests;

/// <summary>
/// A fresh lab host 21 converged with the gunicorn stack (a release of the sample app whose page names it), for the
/// tests that interrupt or load a release switch. Each test leaves it converged, serving its last release.
/// </summary>
public sealed class DeployFaultFixture
{
    public const int Host = 21;

    public DeployFaultFixture()
    {
        Lab.Run(Path.Combine(Lab.RepositoryRoot, "lab", "lab.sh"), ["recreate", Host.ToString(System.Globalization.CultureInfo.InvariantCulture)], TimeSpan.FromMinutes(5));
        Inventory = LabInventory.Write(Host, "mysql, app-files, app-server, nginx", $"  domain: {Interruptions.Domain}");
        Marker = Interruptions.NewMarker();
        var apply = Provision.Json("apply", Inventory, "--var", "app_source=" + Interruptions.Release(Marker));
        if (apply.Exit != 0)
        {
            throw new InvalidOperationException("the deploy fault host did not converge:\n" + apply.Raw);
        }
    }

    public string Inventory { get; }

    /// <summary>The release the host serves now (tests that deploy one set it).</summary>
    public string Marker { get; set; }
}

[CollectionDefinition(Name)]
public sealed class DeployFaultCollection : ICollectionFixture<DeployFaultFixture>
{
    public const string Name = "deploy faults on lab21";
}
