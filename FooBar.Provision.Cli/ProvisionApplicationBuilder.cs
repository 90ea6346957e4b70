using FooBar.Provision.Roles;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace FooBar.Provision.Cli;

/// <summary>
/// Builds a <see cref="ProvisionApplication"/>: your roles (<see cref="Roles"/>), your services (<see cref="Services"/>),
/// configuration (<see cref="Configuration"/>: <c>provision.json</c>, then <c>PROVISION_*</c> variables) and logging
/// (<see cref="Logging"/>: to standard error, warnings and up unless configured).
/// </summary>
/// <remarks>Built on Microsoft.Extensions.Hosting's <see cref="HostApplicationBuilder"/>, without its defaults (no appsettings.json, no console lifetime).</remarks>
public sealed class ProvisionApplicationBuilder
{
    private readonly HostApplicationBuilder _host;
    private readonly string[] _args;
    private readonly ProvisionException? _settingsProblem;

    internal ProvisionApplicationBuilder(string[] args, string directory)
    {
        _args = args;
        _host = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = directory });
        try
        {
            _host.Configuration.AddProvisionSettings(directory);
        }
        catch (ProvisionException e)
        {
            _settingsProblem = e; // reported by RunAsync as bad input (exit 3), never as a stack trace
        }

        _host.Logging.SetMinimumLevel(LogLevel.Warning);
        _host.Logging.AddConfiguration(_host.Configuration.GetSection("Logging"));
        _host.Logging.AddSimpleConsole(o => o.SingleLine = true);
        _host.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace); // stdout is the report's
        _host.Services.Replace(ServiceDescriptor.Singleton<IHostLifetime, CliHostLifetime>());
        _host.Services.AddFooBarBuiltInRoles().AddFooBarProvision();
        Roles = new RoleRegistry(_host.Services);
    }

    /// <summary>Your roles, next to the built-in ones (<c>Roles.Add&lt;RedisRole&gt;()</c>).</summary>
    public RoleRegistry Roles { get; }

    /// <summary>The application's services: register what your roles take in their constructors; an <see cref="Transport.IConnectionFactory"/> registered here replaces the SSH transports.</summary>
    public IServiceCollection Services => _host.Services;

    /// <summary>The configuration: <c>provision.json</c> of the current directory, then <c>PROVISION_*</c> environment variables; add sources of your own here.</summary>
    /// <remarks>Top-level keys (and keys in a verb's section, such as <c>apply</c>) named like an option give that option where the command line does not (docs/hosting.md).</remarks>
    public ConfigurationManager Configuration => _host.Configuration;

    /// <summary>Logging: a one-line console logger on standard error at <see cref="LogLevel.Warning"/>, tuned by the <c>Logging</c> section of the configuration.</summary>
    public ILoggingBuilder Logging => _host.Logging;

    /// <summary>The host environment (content root: the current directory).</summary>
    public IHostEnvironment Environment => _host.Environment;

    /// <summary>Builds the application (its services are created lazily, when <see cref="ProvisionApplication.RunAsync(CancellationToken)"/> needs them).</summary>
    public ProvisionApplication Build() => new(_host.Build(), _args, _settingsProblem);
}
