namespace FooBar.Provision.Resources;

/// <summary>What one resource's probe printed, and its exit code.</summary>
public sealed record ProbeResult(int ExitCode, string Output)
{
    /// <summary>The output's lines, trimmed, without empty ones.</summary>
    public IReadOnlyList<string> Lines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
