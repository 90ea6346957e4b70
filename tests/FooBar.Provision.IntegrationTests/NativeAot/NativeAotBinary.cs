using System.Diagnostics;
using System.Runtime.InteropServices;

namespace FooBar.Provision.IntegrationTests.NativeAot;

/// <summary>
/// The <c>provision</c> tool published as Native AOT once for the tests (<c>dotnet publish FooBar.Provision.Tool -r RID</c>,
/// as benchmarks/run.sh and demo.sh publish it), or the binary that <c>FOOBAR_AOT_BINARY</c> names.
/// </summary>
public sealed class NativeAotBinary : IAsyncLifetime
{
    private readonly string _output = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "foobar-aot-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>The native <c>provision</c> executable.</summary>
    public string Path { get; private set; } = string.Empty;

    /// <summary>How long the publish took (zero for a given binary).</summary>
    public TimeSpan PublishTime { get; private set; }

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable("FOOBAR_AOT_BINARY") is { Length: > 0 } given)
        {
            Path = File.Exists(given) ? given : throw new FileNotFoundException("FOOBAR_AOT_BINARY names no file", given);
            return;
        }

        var clock = Stopwatch.StartNew();
        await LocalProcess.RunInAsync(Repository.Root(), TimeSpan.FromMinutes(10), "dotnet", "publish", "FooBar.Provision.Tool", "-c", "Release",
            "-r", RuntimeInformation.RuntimeIdentifier, "-o", _output, "-nologo", "-v", "quiet", "-p:PublishAot=true");
        PublishTime = clock.Elapsed;
        Path = System.IO.Path.Combine(_output, "provision");
    }

    /// <inheritdoc />
    public Task DisposeAsync()
    {
        if (Directory.Exists(_output))
        {
            Directory.Delete(_output, recursive: true);
        }

        return Task.CompletedTask;
    }
}
