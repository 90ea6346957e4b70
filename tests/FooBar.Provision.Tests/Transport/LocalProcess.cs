using System.Diagnostics;

namespace FooBar.Provision.Tests.Transport;

/// <summary>
/// Runs a program on this machine to its end (mostly /bin/sh on a script the engine built) and returns its exit code
/// and output. Standard input gets <c>input</c> and is then closed, so a script that reads it never waits on the test.
/// </summary>
internal static class LocalProcess
{
    /// <summary>Runs <paramref name="file"/>; <paramref name="environment"/> adds to (or replaces in) this process's environment.</summary>
    public static (int Exit, string Output, string Error) Run(
        string file, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, string input = "", int timeoutSeconds = 60)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        try
        {
            process.StandardInput.Write(input);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // It ended without reading its input.
        }
        if (!process.WaitForExit(TimeSpan.FromSeconds(timeoutSeconds)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{file} did not finish within {timeoutSeconds} s");
        }

        process.WaitForExit();
        return (process.ExitCode, output.Result, error.Result);
    }

    /// <summary><c>/bin/sh -c <paramref name="script"/></c>.</summary>
    public static (int Exit, string Output, string Error) Shell(string script, IReadOnlyDictionary<string, string>? environment = null) =>
        Run("/bin/sh", ["-c", script], environment);
}
