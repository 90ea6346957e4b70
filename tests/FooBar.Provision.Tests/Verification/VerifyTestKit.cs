using FooBar.Provision.Inventory;
using FooBar.Provision.Variables;
using FooBar.Provision.Verification;

namespace FooBar.Provision.Tests.Verification;

/// <summary>Hosts and verifiers for the verify specifications.</summary>
internal static class VerifyTestKit
{
    public const string Lab1 = "10.99.1.2";

    /// <summary>A host with <paramref name="variables"/>; a later value of the same name wins.</summary>
    public static HostEntry Host(string name, string address, params (string Key, object? Value)[] variables) =>
        new(name, address) { Variables = VariableSet.Empty.Merge(variables.Select(v => KeyValuePair.Create(v.Key, v.Value))) };

    public static HostEntry WebHost(params (string Key, object? Value)[] variables) =>
        Host("lab1", Lab1, [("domain", "www.foobar.com"), .. variables]);

    public static Task<VerifyReport> VerifyAsync(IDnsResolver resolver, HttpMessageHandler handler, params HostEntry[] hosts) =>
        new SiteVerifier(resolver, handler, new SiteVerifierOptions { Timeout = TimeSpan.FromSeconds(5) }).VerifyAsync(hosts);
}
