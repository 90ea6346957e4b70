namespace FooBar.Provision.Resources;

/// <summary>A resource whose probe reads one symbolic link's target with <c>readlink</c> (<see cref="LinkTargetsProbe"/>).</summary>
internal interface IReadsLink
{
    /// <summary>The link whose target the probe reads.</summary>
    string LinkPath { get; }
}
