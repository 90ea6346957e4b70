using System.Runtime.InteropServices;
using FooBar.Provision.Transport;

namespace FooBar.Provision.Cli;

/// <summary>
/// Ctrl+C (SIGINT) and SIGTERM end a run cleanly: the first cancels it (its ssh processes are killed, its masters
/// closed, its control directory deleted, then the process exits with 130 or 143); a second one ends the process at
/// once, after deleting what is left of the control directories.
/// </summary>
internal sealed class TerminationSignals : IDisposable
{
    private readonly CancellationTokenSource _cancellation = new();
    private readonly PosixSignalRegistration[] _registrations;
    private int _exitCode;

    public TerminationSignals() =>
        _registrations = [Register(PosixSignal.SIGINT, 130), Register(PosixSignal.SIGTERM, 143)];

    /// <summary>Cancelled by the first signal.</summary>
    public CancellationToken Token => _cancellation.Token;

    /// <summary>128 + the signal's number once a signal arrived, else null.</summary>
    public int? ExitCode => Volatile.Read(ref _exitCode) is var code and not 0 ? code : null;

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _cancellation.Dispose();
    }

    private PosixSignalRegistration Register(PosixSignal signal, int exitCode) =>
        PosixSignalRegistration.Create(signal, context =>
        {
            if (Interlocked.CompareExchange(ref _exitCode, exitCode, 0) == 0)
            {
                context.Cancel = true; // keep running: the run ends through the token and cleans up on its way out
                _cancellation.Cancel();
            }
            else
            {
                ControlDirectories.DeleteLive(); // the second signal ends the process (the default action)
            }
        });
}
