using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using CtiGateway.Protocol;
using CtiGateway.Runtime;

namespace CtiGateway.Server;

public sealed partial class TlibServer
{
    private static readonly TimeSpan RejectionTimeout = TimeSpan.FromSeconds(5);

    private readonly LoopProbe _acceptProbe = new();
    private volatile bool _acceptWaiting;

    /// <summary>
    /// Test-only fault injection (the daemon sets it only when <c>Diagnostics:Faults:Enabled</c> and
    /// <c>CTIGW_TEST_FAULTS=1</c>): awaited by the accept loop's own code on every wake-up, before it answers a
    /// liveness probe or admits a connection, so a closed gate stalls the real loop.
    /// </summary>
    internal Func<CancellationToken, ValueTask>? AcceptLoopGate { get; set; }

    /// <summary>
    /// Liveness probe of the accept loop: completes when the loop's own code has answered (it wakes up between
    /// connections to do so). It does not complete while the loop is stuck or after it ended; the caller bounds the
    /// wait with <paramref name="cancellationToken"/>.
    /// </summary>
    public Task ProbeAcceptLoopAsync(CancellationToken cancellationToken) => _acceptProbe.RequestAsync(cancellationToken);

    private async Task AcceptLoopAsync(Socket listener, CancellationToken ct)
    {
        Task<Socket>? accept = null;
        while (!ct.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                if (AcceptLoopGate is { } gate)
                {
                    _acceptWaiting = false;
                    await AwaitGateAsync(gate, ct).ConfigureAwait(false);
                }

                _acceptProbe.Answer();
                accept ??= listener.AcceptAsync(ct).AsTask();
                _acceptWaiting = true;
                if (!accept.IsCompleted && await Task.WhenAny(accept, _acceptProbe.Requested).ConfigureAwait(false) != accept)
                {
                    // Woken by a liveness probe: answer it at the top of the loop, keep the same pending accept.
                    continue;
                }

                var pending = accept;
                accept = null;
                socket = await pending.ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException ex) when (ct.IsCancellationRequested || ex.SocketErrorCode == SocketError.OperationAborted)
            {
                return;
            }
            catch (SocketException ex)
            {
                // A connection that died between SYN and accept (or fd exhaustion): log and keep accepting.
                TServerLog.AcceptFailed(Logger, ex);
                continue;
            }
            finally
            {
                _acceptWaiting = accept is not null;
            }

            if (AcceptLoopGate is { } held)
            {
                // A connection that completed while the gate was being closed waits for it too: a held loop admits nobody.
                _acceptWaiting = false;
                try
                {
                    await AwaitGateAsync(held, ct).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    socket.Dispose();
                    return;
                }
            }

            StampAcceptProgress();
            try
            {
                Admit(socket);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                TServerLog.AcceptFailed(Logger, ex);
                socket.Dispose();
            }
        }
    }

    private async ValueTask AwaitGateAsync(Func<CancellationToken, ValueTask> gate, CancellationToken ct)
    {
        var wait = gate(ct);
        if (wait.IsCompleted)
        {
            await wait.ConfigureAwait(false);
            return;
        }

        TServerLog.AcceptLoopHeld(Logger);
        await wait.ConfigureAwait(false);
        TServerLog.AcceptLoopReleased(Logger);
    }

    // Allow-list first (nothing is read from a refused address), then the limit per address, then the client limit,
    // then the connection.
    private void Admit(Socket socket)
    {
        var remote = socket.RemoteEndPoint as IPEndPoint;
        var address = remote?.Address is { IsIPv4MappedToIPv6: true } mapped ? mapped.MapToIPv4() : remote?.Address;
        if (_allowed.Length > 0 && (address is null || !IsAllowed(address)))
        {
            Interlocked.Increment(ref _clientsRejected);
            if (_refusedThrottle.TryEnter())
            {
                TServerLog.ClientRefused(Logger, address, "TServer");
            }

            socket.Close(0);
            return;
        }

        socket.NoDelay = true;
        int fromAddress;
        lock (_clientsLock)
        {
            fromAddress = address is null ? 0 : _perAddress.GetValueOrDefault(address);
        }

        if (fromAddress >= Options.MaxClientsPerAddress)
        {
            Refuse(socket, remote, _perAddressThrottle, $"Too many connections from {address} (max {Options.MaxClientsPerAddress} per address, TServer:MaxClientsPerAddress)",
                static (s, r) => TServerLog.TooManyFromAddress(s.Logger, r, s.Options.MaxClientsPerAddress));
            return;
        }

        // In-process clients (ConnectInProcess) do not take a slot.
        if (OutsideClientCount() >= Options.MaxClients)
        {
            Refuse(socket, remote, _tooManyThrottle, $"Too many clients (max {Options.MaxClients})",
                static (s, r) => TServerLog.TooManyClients(s.Logger, r, s.Options.MaxClients));
            return;
        }

        var id = Interlocked.Increment(ref _nextClientId);
        var client = new ClientConnection(this, id, socket, remote, address, Time.GetUtcNow(), Elapsed);
        lock (_clientsLock)
        {
            Volatile.Write(ref _clients, [.. _clients, client]);
            CountAddress(client, +1);
        }

        Interlocked.Increment(ref _clientsAccepted);
        TServerLog.ClientConnected(Logger, id, remote);
        client.Start();
    }

    // A refused connection gets EventError TERR_NOMORE_LICENSE with the reason, then FIN; while too many refusals are
    // being delivered already it is reset at once instead. The log line is rate-limited (a client can repeat it).
    private void Refuse(Socket socket, IPEndPoint? remote, LogThrottle throttle, string reason, Action<TlibServer, IPEndPoint?> log)
    {
        Interlocked.Increment(ref _clientsRejected);
        if (throttle.TryEnter())
        {
            log(this, remote);
        }

        var inFlight = _rejections.Count;
        if (inFlight >= MaxRejectionsInFlight)
        {
            if (_rejectionsBusyThrottle.TryEnter())
            {
                TServerLog.RejectionsBusy(Logger, remote, inFlight);
            }

            socket.Close(0);
            return;
        }

        var rejection = RejectAsync(socket, remote, reason);
        _rejections.TryAdd(rejection, true);
        _ = rejection.ContinueWith(static (t, s) => ((TlibServer)s!)._rejections.TryRemove(t, out _), this, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private bool IsAllowed(IPAddress address)
    {
        foreach (var network in _allowed)
        {
            if (network.Contains(address))
            {
                return true;
            }
        }

        return false;
    }

    // A connection over the limit still gets a reason: EventError TERR_NOMORE_LICENSE with ReferenceID 0, then FIN.
    private async Task RejectAsync(Socket socket, IPEndPoint? remote, string reason)
    {
        var error = new TlibMessage(MessageType.EventError, 8)
        {
            ReferenceID = 0,
            ErrorCode = (int)ErrorCode.TERR_NOMORE_LICENSE,
            ErrorMessage = reason,
        };
        Stamp(error);
        var frame = FrameEncoder.Encode(Codec, error, 1);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        timeout.CancelAfter(RejectionTimeout);
        Stream stream = new NetworkStream(socket, ownsSocket: false);
        try
        {
            if (TlsOptions is { } tls)
            {
                var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
                stream = ssl;
                await ssl.AuthenticateAsServerAsync(tls, timeout.Token).ConfigureAwait(false);
            }

            await stream.WriteAsync(frame.Memory, timeout.Token).ConfigureAwait(false);
            await stream.FlushAsync(timeout.Token).ConfigureAwait(false);
            socket.Shutdown(SocketShutdown.Send);

            // Drain what the client sent meanwhile so the close is a FIN, not a reset that eats the error.
            var scratch = new byte[1024];
            while (await socket.ReceiveAsync(scratch, SocketFlags.None, timeout.Token).ConfigureAwait(false) > 0)
            {
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or AuthenticationException or ObjectDisposedException)
        {
            if (ex is not OperationCanceledException)
            {
                TServerLog.RejectionNotDelivered(Logger, remote, ex.Message);
            }
        }
        finally
        {
            frame.Release();
            await stream.DisposeAsync().ConfigureAwait(false);
            socket.Dispose();
        }
    }

    // Every 100 ms: ADDP polls and timeouts, the registration and frame deadlines of every client, the "suppressed"
    // lines of the log throttles, and the accept loop's watchdog stamp while it waits.
    private async Task HousekeepingLoopAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(HousekeepingPeriod, Time);
        try
        {
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                var now = Elapsed;
                foreach (var client in Volatile.Read(ref _clients))
                {
                    client.CheckAddp(now);
                    client.CheckDeadlines(now);
                }

                FlushThrottles();

                // Last, so that a stamp also tells that this tick's client checks are done.
                if (_acceptWaiting && !_acceptLoop.IsCompleted)
                {
                    StampAcceptProgress();
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
