using System.Diagnostics;

namespace FooBar.Provision.IntegrationTests.NativeAot;

/// <summary>Runs the native <c>provision</c> as a user does (its own process, output not a terminal) with a given environment.</summary>
internal static class NativeRun
{
    public static async Task<CliRun> RunAsync(string binary, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var startInfo = new ProcessStartInfo(binary) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var name in startInfo.Environment.Keys.Where(k => k.StartsWith("PROVISION_", StringComparison.Ordinal)).ToArray())
        {
            startInfo.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            startInfo.Environment[name] = value;
        }

        foreach (var argument in args)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException(binary + " did not start");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return new CliRun(process.ExitCode, await stdout, await stderr, clock.Elapsed);
    }
}
