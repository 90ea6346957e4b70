namespace FooBar.Provision.Tests.Hosting;

/// <summary>Tests that set <c>PROVISION_*</c> environment variables (process-wide) or read them run one at a time.</summary>
internal static class ProvisionVariables
{
    public const string Collection = "PROVISION_ variables";
}
