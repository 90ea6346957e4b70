using System.Diagnostics;

namespace FooBar.Provision.IntegrationTests;

/// <summary>Runs a local program for test setup (ssh-keygen, stat) and returns what it printed.</summary>
public static class LocalProcess
{
    /// <summary>Runs <paramref name="fileName"/> with <paramref name="arguments"/>; throws when it fails.</summary>
    public static Task<string> RunAsync(string fileName, params string[] arguments) => RunWithInputAsync(string.Empty, fileName, arguments);

    /// <summary>Runs <paramref name="fileName"/> with <paramref name="arguments"/> and <paramref name="input"/> on its stdin; throws when it fails.</summary>
    public static async Task<string> RunWithInputAsync(string input, string fileName, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
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
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await stderr}");
        }

        return await stdout;
    }
}
