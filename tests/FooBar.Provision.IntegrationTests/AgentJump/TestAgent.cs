using System.Diagnostics;

namespace FooBar.Provision.IntegrationTests.AgentJump;

/// <summary>A real <c>ssh-agent</c> started by a test on a socket in the test's directory (foreground, killed by its PID on dispose).</summary>
internal sealed class TestAgent : IAsyncDisposable
{
    private readonly Process _agent;
    private bool _disposed;

    private TestAgent(Process agent, string socket)
    {
        _agent = agent;
        Socket = socket;
    }

    /// <summary>The agent's socket: what SSH_AUTH_SOCK would hold.</summary>
    public string Socket { get; }

    /// <summary>Starts <c>ssh-agent -D -a SOCKET</c> and waits for its socket.</summary>
    public static async Task<TestAgent> StartAsync(string directory)
    {
        var socket = Path.Combine(directory, "agent.sock");
        var start = new ProcessStartInfo("ssh-agent") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-D", "-a", socket })
        {
            start.ArgumentList.Add(argument);
        }

        var agent = new TestAgent(Process.Start(start) ?? throw new InvalidOperationException("ssh-agent did not start"), socket);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!File.Exists(socket))
        {
            if (DateTime.UtcNow > deadline || agent._agent.HasExited)
            {
                throw new InvalidOperationException($"ssh-agent did not create {socket}: {await agent._agent.StandardError.ReadToEndAsync()}");
            }

            await Task.Delay(20);
        }

        return agent;
    }

    /// <summary>Runs <c>ssh-add</c> with <paramref name="arguments"/> against this agent.</summary>
    public async Task AddAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("ssh-add") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        start.Environment["SSH_AUTH_SOCK"] = Socket;
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("ssh-add did not start");
        process.StandardInput.Close();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"ssh-add {string.Join(' ', arguments)} exited with {process.ExitCode}: {await error}");
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_agent.HasExited)
        {
            _agent.Kill();
        }

        await _agent.WaitForExitAsync();
        _agent.Dispose();
    }
}
