using System.ComponentModel;
using System.Globalization;
using FooBar.Provision.Inventory;

namespace FooBar.Provision.Transport;

/// <summary>
/// Asks OpenSSH itself, before any connection, whether the user's ssh configuration is valid for each
/// <c>transport: openssh</c> host: <c>ssh -G</c> with the arguments the transport will pass reads the configuration as
/// a connection would and prints it, connecting nowhere. A configuration ssh refuses is a problem of the inventory's host.
/// </summary>
/// <remarks>
/// One <c>ssh -G</c> per distinct argument list, a few at once. <c>-G</c> runs no <c>ProxyCommand</c> and no
/// <c>ProxyJump</c>; it does run a <c>Match exec</c> command, as every connection would, so each <c>ssh -G</c> is
/// bounded by <see cref="Timeout"/>. The arguments hold no secret (passphrases and passwords are never arguments).
/// </remarks>
internal sealed class OpenSshConfigCheck
{
    private const int Parallelism = 8;
    private readonly OpenSshOptions _options;
    private readonly Runner _run;

    /// <summary>A check that runs <see cref="OpenSshOptions.SshExecutable"/> with <see cref="OpenSshOptions.ConfigFile"/>, through <paramref name="run"/> (null: a real process).</summary>
    public OpenSshConfigCheck(OpenSshOptions options, Runner? run = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _run = run ?? RunProcessAsync;
    }

    /// <summary>Runs <c>ssh</c> with <paramref name="arguments"/> (its stdin closed) and returns what it returned.</summary>
    /// <exception cref="TimeoutException">It ran longer than <paramref name="timeout"/> and was killed.</exception>
    /// <exception cref="Win32Exception">The executable could not be started.</exception>
    public delegate Task<CommandResult> Runner(string executable, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>How long one <c>ssh -G</c> may run (it only reads files, unless a <c>Match exec</c> command hangs). Default 10 s.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>What ssh says of the <c>transport: openssh</c> hosts among <paramref name="hosts"/>, in their order: no refusal when it accepts them all.</summary>
    public async Task<OpenSshConfigReport> RunAsync(IReadOnlyList<HostEntry> hosts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        var openSsh = hosts.Where(host => host.Transport == TransportKind.OpenSsh).ToArray();
        var sets = new Dictionary<string, Task<Verdict>>(StringComparer.Ordinal);
        using var slots = new SemaphoreSlim(Parallelism);
        var keys = new string[openSsh.Length];
        for (var i = 0; i < openSsh.Length; i++)
        {
            var arguments = OpenSshArguments.ForConfigCheck(openSsh[i], _options.ConfigFile);
            keys[i] = string.Join('\0', arguments);
            if (!sets.ContainsKey(keys[i]))
            {
                sets.Add(keys[i], CheckAsync(arguments, slots, cancellationToken));
            }
        }

        await Task.WhenAll(sets.Values).ConfigureAwait(false);
        var problems = new List<InventoryError>();
        var destinations = new List<OpenSshDestination>();
        for (var i = 0; i < openSsh.Length; i++)
        {
            var verdict = await sets[keys[i]].ConfigureAwait(false);
            if (verdict.CannotStart is { } why)
            {
                // Every host of the transport fails alike: one problem, where the first of them is.
                var count = openSsh.Length == 1 ? "1 host uses" : $"{openSsh.Length} hosts use";
                return new OpenSshConfigReport([new InventoryError(
                    openSsh[i].Location ?? InventoryLoader.CommandLine,
                    Printable.Escape($"{count} transport: openssh, which runs the ssh client, and '{_options.SshExecutable}' cannot be started: {why}"),
                    "install the OpenSSH client (Debian and Ubuntu: apt install openssh-client), or use transport: sshnet (SSH.NET in process, no ssh binary)")], []);
            }

            if (verdict.Refusal is { } refusal)
            {
                problems.Add(Problem(openSsh[i], refusal));
            }
            else
            {
                destinations.Add(OpenSshDestination.Parse(openSsh[i], verdict.Output));
            }
        }

        return new OpenSshConfigReport(problems, destinations);
    }

    private InventoryError Problem(HostEntry host, string refusal)
    {
        // The short form of the same question (the options provision adds with -o are valid ones), to try after a fix.
        var words = new List<string> { _options.SshExecutable, "-G" };
        if (_options.ConfigFile is { } file)
        {
            words.AddRange(["-F", file]);
        }

        words.AddRange(["-p", host.Port.ToString(CultureInfo.InvariantCulture)]);
        if (host.User is { } user)
        {
            words.AddRange(["-l", user]);
        }

        words.Add(host.Address);
        return new InventoryError(
            host.Location ?? InventoryLoader.CommandLine,
            Printable.Escape($"host '{host.Name}' (transport: openssh): ssh refuses its configuration for this host: {refusal}"),
            Printable.Escape($"fix what ssh names (file and line), then check again; `{string.Join(' ', words.Select(ShellQuote.Quote))}` asks ssh the same question"));
    }

    private async Task<Verdict> CheckAsync(IReadOnlyList<string> arguments, SemaphoreSlim slots, CancellationToken cancellationToken)
    {
        await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var result = await _run(_options.SshExecutable, arguments, Timeout, cancellationToken).ConfigureAwait(false);
            if (result.ExitCode == 0)
            {
                return new Verdict(null, null, result.StandardOutput);
            }

            var lines = result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return new Verdict(lines.Length == 0 ? $"ssh -G exited {result.ExitCode} without a message" : string.Join("; ", lines), null, "");
        }
        catch (TimeoutException)
        {
            return new Verdict($"ssh -G did not finish within {Timeout.TotalSeconds:0.#} s and was killed (does a `Match exec` command wait for something?)", null, "");
        }
        catch (Win32Exception exception)
        {
            return new Verdict(null, exception.Message, "");
        }
        finally
        {
            slots.Release();
        }
    }

    private Task<CommandResult> RunProcessAsync(string executable, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken) =>
        SshProcess.RunAsync(executable, arguments, ReadOnlyMemory<byte>.Empty, timeout, _options.TimeProvider, static () => { }, cancellationToken);

    private readonly record struct Verdict(string? Refusal, string? CannotStart, string Output);
}
