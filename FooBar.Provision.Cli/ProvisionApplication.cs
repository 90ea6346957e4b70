using FooBar.Provision.Roles;
using FooBar.Provision.Transport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FooBar.Provision.Cli;

/// <summary>
/// Your own <c>provision</c>: a console program that is the whole command line (every verb, output format and exit code)
/// with your roles next to the built-in ones, built on Microsoft.Extensions.Hosting.
/// </summary>
/// <example>
/// <code>
/// var builder = ProvisionApplication.CreateBuilder(args);
/// builder.Roles.Add&lt;RedisRole&gt;();
/// var app = builder.Build();
/// return await app.RunAsync();
/// </code>
/// </example>
public sealed class ProvisionApplication : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly string[] _args;
    private readonly ProvisionException? _settingsProblem;
    private int _ran;

    internal ProvisionApplication(IHost host, string[] args, ProvisionException? settingsProblem)
    {
        _host = host;
        _args = args;
        _settingsProblem = settingsProblem;
    }

    /// <summary>The application's services (your roles are <see cref="IRole"/> services; the catalog is <see cref="RoleCatalog"/>).</summary>
    public IServiceProvider Services => _host.Services;

    /// <summary>The application's configuration.</summary>
    public IConfiguration Configuration => _host.Services.GetRequiredService<IConfiguration>();

    /// <summary>Starts building an application for the command line <paramref name="args"/>, reading <c>provision.json</c> from the current directory.</summary>
    public static ProvisionApplicationBuilder CreateBuilder(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return new ProvisionApplicationBuilder(args, Directory.GetCurrentDirectory());
    }

    /// <summary>Runs the command line on the console, then stops and disposes the application (it runs once).</summary>
    /// <remarks>Starts the host first (your <see cref="IHostedService"/>s run around the command). Ctrl+C and SIGTERM cancel the run, which ends cleanly.</remarks>
    /// <returns>The process exit code: 0 converged or applied, 1 a host failed, 2 changes pending (plan), 3 bad input, 130/143 interrupted.</returns>
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        using var signals = new TerminationSignals();
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(signals.Token, cancellationToken);
        var exitCode = await RunAsync(Console.Out, Console.Error, () => !Console.IsOutputRedirected, () => signals.ExitCode, cancellation.Token).ConfigureAwait(false);
        return signals.ExitCode ?? exitCode;
    }

    /// <summary>Stops nothing (the run stops the host) and disposes the application's services.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_host is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync().ConfigureAwait(false);
        }
        else
        {
            _host.Dispose();
        }
    }

    /// <summary>Runs the command line against the given writers (tests).</summary>
    internal async Task<int> RunAsync(TextWriter stdout, TextWriter stderr, Func<bool> stdoutIsTerminal, Func<int?>? signalExitCode, CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _ran, 1) != 0)
        {
            throw new InvalidOperationException("a ProvisionApplication runs once: build another one for another command line");
        }

        await using var application = this;
        if (_settingsProblem is { } problem)
        {
            return await ProvisionCommandLine.BadSettingsAsync(_args, stdout, stderr, problem.Message, problem.Hint ?? "").ConfigureAwait(false);
        }

        await _host.StartAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var services = CliServices.CreateDefault() with
            {
                ConnectionFactory = () => new BorrowedConnectionFactory(Services.GetRequiredService<IConnectionFactory>()),
                Catalog = Services.GetRequiredService<RoleCatalog>,
                StdoutIsTerminal = stdoutIsTerminal,
            };
            return await ProvisionCommandLine.RunAsync(_args, stdout, stderr, services, Configuration, signalExitCode, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await _host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }
}
