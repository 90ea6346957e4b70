using FooBar.Provision.Inventory;
using FooBar.Provision.Transport.HostKeys;
using FooBar.Provision.Transport.SshNet.Jump;
using Renci.SshNet;

namespace FooBar.Provision.Transport.SshNet;

/// <summary>Opening the host's SSH connection: keys, host key, connect timeout, retries of failures that may pass.</summary>
internal sealed partial class SshNetConnection
{
    /// <summary>The live link, opening one when there is none or the last was lost (nothing runs on the host meanwhile).</summary>
    private async Task<SshNetLink> LinkAsync(CancellationToken cancellationToken)
    {
        await _connectGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_closed, this);
            if (_link is { IsUsable: true } link)
            {
                return link;
            }

            _link?.Dispose();
            _link = null;
            _authentication ??= SshNetAuthentication.Load(Host);
            var tries = 0;
            var started = _options.TimeProvider.GetTimestamp();
            try
            {
                _link = await _connectPipeline.ExecuteAsync(
                    async token =>
                    {
                        tries++;
                        return await ConnectOnceAsync(_authentication, token).ConfigureAwait(false);
                    },
                    cancellationToken).ConfigureAwait(false);
                return _link;
            }
            catch (TransientConnectionException exception)
            {
                var seconds = _options.TimeProvider.GetElapsedTime(started).TotalSeconds;
                throw exception.JumpHost is { } hop
                    ? OpenSshErrors.CannotOpenJumpHost(Host, hop, tries, seconds, exception.Message)
                    : OpenSshErrors.CannotOpen(Host, tries, seconds, exception.Message);
            }
        }
        finally
        {
            _connectGate.Release();
        }
    }

    /// <summary>
    /// One try: the TCP connection and the server's banner within <c>connect_timeout</c>, then the handshake (key exchange,
    /// host key, authentication) within the keep-alive window plus 5 s, as the OpenSSH transport bounds them.
    /// </summary>
    private async Task<SshNetLink> ConnectOnceAsync(SshNetAuthentication authentication, CancellationToken cancellationToken)
    {
        if (Host.Jump.Count == 0)
        {
            var direct = await ConnectClientAsync(Host, Host.Address, Host.Port, authentication, null, cancellationToken).ConfigureAwait(false);
            return new SshNetLink(direct, Host, _options.TimeProvider);
        }

        // jump: each hop connected as a host of its own (key checked under its real name), the host through the last tunnel.
        var chain = await JumpChain.OpenAsync(
            Host, (hop, address, port, token) => ConnectClientAsync(hop, address, port, authentication, null, token), cancellationToken).ConfigureAwait(false);
        try
        {
            var client = await ConnectClientAsync(Host, chain.Address, chain.Port, authentication, chain, cancellationToken).ConfigureAwait(false);
            return new SshNetLink(client, Host, _options.TimeProvider, chain);
        }
        catch
        {
            chain.Dispose();
            throw;
        }
    }

    /// <summary>Connects one client for <paramref name="host"/> (the host or a hop) at <paramref name="address"/>:<paramref name="port"/>, its key checked under the host's own name.</summary>
    private async Task<SshClient> ConnectClientAsync(HostEntry host, string address, int port, SshNetAuthentication authentication, JumpChain? chain, CancellationToken cancellationToken)
    {
        var where = $"{host.Address}:{host.Port}";
        var hostKeys = new SshNetHostKeyCheck(new HostKeyVerifier(host, _options.TimeProvider));
        var info = SshNetEndpoint.Create(host with { Address = address, Port = port }, authentication.Methods(SshNetEndpoint.User(host)), hostKeys, _options.MaxChannels);
        _options.Connecting?.Invoke(address, port);
        var client = new SshClient(info);
        TransportException? verifierFailed = null;
        client.HostKeyReceived += (sender, e) =>
        {
            try
            {
                hostKeys.OnHostKeyReceived(sender, e);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException or TransportException)
            {
                e.CanTrust = false;
                verifierFailed = exception as TransportException ?? new TransportException(host.Name, $"cannot check the host key of {where}: {exception.Message}", "Check the knownhosts file the host uses.");
            }
        };

        var window = host.KeepAliveIntervalSeconds * host.KeepAliveCountMax;
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(host.ConnectTimeoutSeconds), _options.TimeProvider);
        var bannerSeen = false;
        client.ServerIdentificationReceived += (_, _) =>
        {
            bannerSeen = true;
            bound.CancelAfter(TimeSpan.FromSeconds(window + 5));
        };
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, bound.Token);

        // ConnectAsync waits for parts of the handshake synchronously: it runs on the pool, and the bound is kept here.
        var connecting = Task.Run(() => client.ConnectAsync(linked.Token), CancellationToken.None);
        try
        {
            await connecting.WaitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            DisposeWhenDone(client, connecting);
            throw bannerSeen
                ? new HostUnreachableException(
                    host.Name,
                    $"no SSH answer from {where} within {host.ConnectTimeoutSeconds + window + 5} s (connect_timeout {host.ConnectTimeoutSeconds} s, then keep-alives for {window} s): the host or the network is silent",
                    $"Check that {where} is up and reachable; no command was sent to the host.")
                : OpenSshErrors.CannotReach(host, $"connect to host {host.Address} port {host.Port}: Connection timed out ({host.ConnectTimeoutSeconds} s)");
        }
        catch (OperationCanceledException)
        {
            DisposeWhenDone(client, connecting);
            throw;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            client.Dispose();
            throw verifierFailed ?? (hostKeys.Decision is { Trusted: false } refused ? refused.Refusal(host) : null)
                ?? (chain is not null && !bannerSeen ? chain.Refusal(host) : SshNetErrors.Connect(host, exception, authentication.Description));
        }

        client.KeepAliveInterval = TimeSpan.FromSeconds(host.KeepAliveIntervalSeconds);

        // SSH.NET's Timeout also bounds the wait for the server's window while stdin is sent: with connect_timeout there, a
        // command that reads its input late (or a receiver paused longer than that) made the write fail, and the command,
        // never given end-of-file, hung until its deadline. After the handshake our deadlines, tokens and keep-alives bound every wait.
        info.Timeout = AfterHandshake;
        return client;
    }

    /// <summary>SSH.NET's own bound on its waits once connected: the longest a wait handle takes (about 24 days), so never ours.</summary>
    private static readonly TimeSpan AfterHandshake = TimeSpan.FromMilliseconds(int.MaxValue);

    private static void DisposeWhenDone(SshClient client, Task connecting) =>
        _ = connecting.ContinueWith(_ => client.Dispose(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
}
