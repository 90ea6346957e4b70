using FooBar.Provision.Inventory;
using Polly;
using Polly.Retry;

namespace FooBar.Provision.Transport;

/// <summary>
/// The one retry policy of both transports: only opening a connection is tried again (an OpenSSH master with <c>ssh -N</c>,
/// an SSH.NET connection before any channel), and only after a <see cref="TransientConnectionException"/>. A command is never sent twice.
/// </summary>
internal static class ConnectRetry
{
    /// <summary>Up to <paramref name="attempts"/> tries, waiting <paramref name="delay"/> before the second and twice as long before each further one, with jitter.</summary>
    public static ResiliencePipeline Pipeline(int attempts, TimeSpan delay, TimeProvider timeProvider)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = timeProvider };
        if (attempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<TransientConnectionException>(),
                MaxRetryAttempts = attempts - 1,
                Delay = delay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            });
        }

        return builder.Build();
    }

    /// <summary>Refuses a host no transport may open: no address, one that ssh would read as an option, or no port.</summary>
    /// <exception cref="ArgumentException">The address or port is unusable.</exception>
    public static void ThrowIfUnusable(HostEntry host)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (string.IsNullOrWhiteSpace(host.Address) || host.Address.StartsWith('-'))
        {
            throw new ArgumentException($"Host {host.Name} has an invalid address '{host.Address}'.", nameof(host));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(host.Port, nameof(host));
    }
}
