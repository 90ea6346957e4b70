using System.Diagnostics;

namespace FooBar.Provision.IntegrationTests;

/// <summary>Runs a local program for test setup (ssh-keygen, stat) and returns what it printed.</summary>
public static class LocalProcess
{
    /// <summary>Runs <paramref name="fileName"/> with <paramref name="arguments"/>; throws when it fails.</summary>
    public static Task<string> RunAsync(string fileName, params string[] arguments) => RunWithInputAsync(string.Empty, fileName, arguments);

    /// <summary>Runs <paramref name="fileName"/> with <paramref name="arguments"/> and <paramref name="input"/> on its stdin; throws when it fails.</summary>
    public static Task<string> RunWithInputAsync(string input, string fileName, params string[] arguments) =>
        RunCoreAsync(input, null, Timeout.InfiniteTimeSpan, fileName, arguments);

    /// <summary>Runs <paramref name="fileName"/> in <paramref name="directory"/>; kills it and throws when it fails or outlasts <paramref name="timeout"/>.</summary>
    public static Task<string> RunInAsync(string directory, TimeSpan timeout, string fileName, params string[] arguments) =>
        RunCoreAsync(string.Empty, directory, timeout, fileName, arguments);

    private static async Task<string> RunCoreAsync(string input, string? directory, TimeSpan timeout, string fileName, string[] arguments)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = directory ?? string.Empty,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"{fileName} did not start");
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not end within {timeout}");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await stderr}{await stdout}");
        }

        return await stdout;
    }
}
