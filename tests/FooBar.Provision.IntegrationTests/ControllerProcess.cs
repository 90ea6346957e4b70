using System.Diagnostics;
using System.Globalization;

namespace FooBar.Provision.IntegrationTests;

/// <summary>The real <c>provision</c> as a separate process, and the means to stop it at a chosen point: the remote
/// <c>cat</c> that receives a file can be paused (SIGSTOP) so that the controller blocks mid-stream.</summary>
internal static class ControllerProcess
{
    public static Process Start(params string[] arguments)
    {
        var startInfo = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        startInfo.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "provision.dll"));
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("provision did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>
    /// Starts <c>provision</c> with <paramref name="arguments"/> and pauses (SIGSTOP) the remote <c>cat</c> that receives
    /// a file into <paramref name="directory"/> mid-stream. Loopback is fast: a look can miss a whole write, so a missed try
    /// lets that run finish, <paramref name="beforeEachTry"/> resets what it changed, and the next try starts (5 at most).
    /// </summary>
    /// <returns>The running controller, the temporary file and the paused receiver (send it SIGCONT when done).</returns>
    public static async Task<(Process Controller, string Temporary, int Receiver)> StartPausedMidStreamAsync(string directory, Action beforeEachTry, params string[] arguments)
    {
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            beforeEachTry();
            var controller = Start(arguments);
            var clock = Stopwatch.StartNew();
            while (!controller.HasExited && clock.Elapsed < TimeSpan.FromSeconds(90))
            {
                if (Directory.GetFiles(directory, ".provision.*").FirstOrDefault() is { } temporary && ReceiverOf(temporary) is { } receiver)
                {
                    Signal("STOP", receiver);
                    return (controller, temporary, receiver);
                }

                await Task.Delay(2);
            }

            await controller.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
            controller.Dispose();
        }

        throw new TimeoutException($"in 5 tries, no write of provision into {directory} was caught mid-stream");
    }

    /// <summary>The process (the remote script's <c>cat</c>) that has <paramref name="path"/> open, or null.</summary>
    public static int? ReceiverOf(string path)
    {
        foreach (var directory in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                if (File.ReadAllText(Path.Combine(directory, "comm")).Trim() == "cat" &&
                    Directory.GetFiles(Path.Combine(directory, "fd")).Any(fd => new FileInfo(fd).LinkTarget == path))
                {
                    return pid;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process ended while we looked.
            }
        }

        return null;
    }

    public static void Signal(string signal, int pid)
    {
        using var kill = Process.Start("kill", ["-" + signal, pid.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public static async Task<T> WaitForAsync<T>(Func<T?> probe, TimeSpan limit, string failure)
        where T : class
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            if (probe() is { } value)
            {
                return value;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException(failure);
    }
}
