using System.Text;
using FooBar.Provision.Transport;

namespace FooBar.Provision.Resources;

/// <summary>Helpers for resources' apply steps: run a script and fail clearly when it fails.</summary>
public static class RemoteActions
{
    /// <summary>An apply step that runs <paramref name="script"/> (with optional secret stdin) and throws when it exits non-zero.</summary>
    /// <remarks>Secrets go in <paramref name="standardInput"/>, never in the script.</remarks>
    public static Func<IHostConnection, CancellationToken, Task> Run(ShellScript script, string? standardInput = null, TimeSpan? timeout = null) =>
        (connection, cancellationToken) => RunCheckedAsync(connection, script, standardInput, timeout, cancellationToken);

    /// <summary>Runs <paramref name="script"/> and throws <see cref="ResourceFailedException"/> with its stderr when it fails.</summary>
    public static async Task<CommandResult> RunCheckedAsync(IHostConnection connection, ShellScript script, string? standardInput = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var command = new RemoteCommand(script) { Timeout = timeout };
        if (standardInput is not null)
        {
            command = command.WithStandardInput(Encoding.UTF8.GetBytes(standardInput));
        }

        var result = await connection.RunAsync(command, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new ResourceFailedException(Describe(result));
        }

        return result;
    }

    /// <summary>
    /// A failed command in one line for an error message: <see cref="CommandResult.ExitText"/> and the last lines of its
    /// stderr (or of its stdout when stderr is empty).
    /// </summary>
    /// <param name="result">The command's result; its exit code is not 0.</param>
    public static string Describe(CommandResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var detail = Tail(string.IsNullOrWhiteSpace(result.StandardError) ? result.StandardOutput : result.StandardError);
        return detail.Length == 0 ? result.ExitText : $"{result.ExitText}: {detail}";
    }

    /// <summary>The last lines of a command's output, for an error message.</summary>
    internal static string Tail(string text)
    {
        var lines = text.Trim().Split('\n');
        return string.Join('\n', lines.Skip(Math.Max(0, lines.Length - 8)));
    }
}
