using FooBar.Provision.Roles;
using FooBar.Provision.Transport;

namespace FooBar.Provision.Cli;

/// <summary>What the commands use from the outside world; tests replace any part of it.</summary>
/// <param name="ConnectionFactory">Creates the way to reach hosts, once per run; disposed after the run when it is <see cref="IAsyncDisposable"/>.</param>
/// <param name="Environment">Reads an environment variable (secrets <c>{ env: NAME }</c>, <c>NO_COLOR</c>).</param>
/// <param name="Catalog">Creates the role catalog.</param>
/// <param name="StdoutIsTerminal">True when standard output is an interactive terminal (live progress, colours).</param>
/// <param name="FactsCacheDirectory">Where plan and apply keep each host's last facts (docs/facts-cache.md), or null for no cache.</param>
internal sealed record CliServices(
    Func<IConnectionFactory> ConnectionFactory,
    Func<string, string?> Environment,
    Func<RoleCatalog> Catalog,
    Func<bool> StdoutIsTerminal,
    string? FactsCacheDirectory = null)
{
    /// <summary>Where each option that came from configuration was set (<c>--forks</c> → <c>environment variable PROVISION_FORKS</c>), so a problem with its value names that place rather than the command line.</summary>
    public IReadOnlyDictionary<string, string> OptionSources { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Asks ssh (<c>ssh -G</c>, no connection) whether the ssh configuration is valid for each <c>transport: openssh</c> host, before any host is contacted.</summary>
    public OpenSshConfigCheck SshConfigCheck { get; init; } = new(OpenSshOptionsFrom(Environment));

    /// <summary>The real thing: each host's transport (SSH.NET or OpenSSH), the process environment, the built-in roles, the console.</summary>
    public static CliServices CreateDefault() => new(
        () => new TransportConnectionFactory(openSsh: OpenSshOptionsFrom(System.Environment.GetEnvironmentVariable)),
        System.Environment.GetEnvironmentVariable,
        BuiltInRoles.Catalog,
        () => !Console.IsOutputRedirected,
        Facts.FactsCache.DefaultDirectory(System.Environment.GetEnvironmentVariable));

    /// <summary>The OpenSSH transport's options: ssh reads the file <c>FOOBAR_SSH_CONFIG</c> names (<c>-F</c>), as the SSH.NET transport does.</summary>
    private static OpenSshOptions OpenSshOptionsFrom(Func<string, string?> environment) => new() { ConfigFile = OpenSshConfigFile.FromEnvironment(environment) };
}
