using System.Net;
using CtiGateway.Protocol;

namespace CtiGateway.Client;

/// <summary>Connect, failover across endpoints, supervision and reconnect with registrations restored.</summary>
public sealed partial class TServerClient
{
    /// <summary>
    /// Connects to the first endpoint that answers (in <see cref="TServerClientOptions.Endpoints"/> order, or through
    /// <see cref="TServerClientOptions.SocketFactory"/>), sends the ADDP hello when ADDP is on, registers with
    /// RequestRegisterClient and returns the server's link-state answer: EventLinkConnected, or EventLinkDisconnected
    /// when the server has no switch link (that is not a failure).
    /// </summary>
    /// <exception cref="TServerConnectionException">No endpoint could be connected and registered; the message lists why for each.</exception>
    /// <exception cref="InvalidOperationException">Already connected or connecting.</exception>
    public async Task<TlibMessage> ConnectAsync(CancellationToken cancellationToken = default)
    {
        lock (_stateLock)
        {
            ObjectDisposedException.ThrowIf(_state == TServerConnectionState.Disposed, this);
            if (_state != TServerConnectionState.Disconnected)
            {
                throw new InvalidOperationException($"ConnectAsync: the client is already {_state}.");
            }

            _state = TServerConnectionState.Connecting;
        }

        ResetConnectedSignal();

        try
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _lifetime.Token);
            var (connection, linkState) = await OpenFirstAvailableAsync(linked.Token).ConfigureAwait(false);
            lock (_stateLock)
            {
                if (_state != TServerConnectionState.Disposed)
                {
                    _state = TServerConnectionState.Connected;
                    _supervisor = Task.Run(() => SuperviseAsync(connection), CancellationToken.None);
                    return linkState;
                }
            }

            // Disposed while connecting: the new connection goes too.
            await connection.DisposeAsync().ConfigureAwait(false);
            throw new ObjectDisposedException(nameof(TServerClient));
        }
        catch
        {
            lock (_stateLock)
            {
                if (_state == TServerConnectionState.Connecting)
                {
                    _state = TServerConnectionState.Disconnected;
                }
            }

            throw;
        }
    }

    /// <summary>
    /// Tries each endpoint in order (or the socket factory): TCP/TLS, ADDP hello, RequestRegisterClient, restore
    /// registrations.
    /// </summary>
    private async Task<(TServerConnection Connection, TlibMessage LinkState)> OpenFirstAvailableAsync(CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        Exception? last = null;
        IReadOnlyList<EndPoint> targets = _socketFactory is { } factory ? [factory] : [.. _options.Endpoints];
        foreach (var endPoint in targets)
        {
            TServerConnection? connection = null;
            try
            {
                TServerClientLog.Connecting(_logger, endPoint);
                connection = await TServerConnection.OpenAsync(endPoint, _options, _codec, this, _logger, cancellationToken).ConfigureAwait(false);
                await PublishAsync(ClientEvent(MessageType.EventServerConnected, endPoint, null), cancellationToken).ConfigureAwait(false);
                var linkState = await RequestCoreAsync(connection, RegisterClientRequest(), cancellationToken).ConfigureAwait(false);
                TServerClientLog.Connected(_logger, endPoint, _options.ApplicationName, linkState.Name);
                await RestoreRegistrationsAsync(connection, cancellationToken).ConfigureAwait(false);
                if (connection.IsClosed)
                {
                    throw new TServerConnectionException($"T-Server {endPoint} closed the connection during registration.", endPoint, await connection.Closed.ConfigureAwait(false));
                }

                lock (_stateLock)
                {
                    ObjectDisposedException.ThrowIf(_state == TServerConnectionState.Disposed, this);
                    _connection = connection;
                }

                _connected.TrySetResult(connection);
                return (connection, linkState);
            }
            catch (Exception ex)
            {
                if (connection is not null)
                {
                    connection.Abort(ex);
                    await connection.DisposeAsync().ConfigureAwait(false);
                    await PublishAsync(ClientEvent(MessageType.EventServerDisconnected, endPoint, ex.Message), _lifetime.Token).ConfigureAwait(false);
                }

                if (ex is OperationCanceledException && cancellationToken.IsCancellationRequested)
                {
                    throw;
                }

                last = ex;
                failures.Add($"{endPoint}: {ex.Message}");
                TServerClientLog.ConnectFailed(_logger, endPoint, ex.Message);
            }
        }

        throw new TServerConnectionException(
            "Could not connect to a T-Server: " + string.Join("; ", failures), targets.Count == 1 ? targets[0] : null, last);
    }

    private TlibMessage RegisterClientRequest()
    {
        var request = new TlibMessage(MessageType.RequestRegisterClient)
            .Set(AttributeId.ApplicationName, _options.ApplicationName)
            .Set(AttributeId.ProtocolVersion, TlibWire.ProtocolVersion);
        if (_options.ApplicationPassword is { } password)
        {
            request.Set(AttributeId.ApplicationPassword, password);
        }

        return request;
    }

    /// <summary>Re-sends the input mask and every RequestRegisterAddress that succeeded before, pipelined.</summary>
    private async Task RestoreRegistrationsAsync(TServerConnection connection, CancellationToken cancellationToken)
    {
        var requests = _registrations.RestoreRequests();
        if (requests.Count == 0)
        {
            return;
        }

        var sent = new List<(TlibMessage Request, Task<TlibMessage> Response)>(requests.Count);
        foreach (var request in requests)
        {
            sent.Add((request, RequestCoreAsync(connection, request, cancellationToken, isRestore: true)));
        }

        var restored = 0;
        foreach (var (request, response) in sent)
        {
            try
            {
                await response.ConfigureAwait(false);
                restored++;
            }
            catch (Exception ex) when (ex is TServerErrorException or TimeoutException or TlibProtocolException)
            {
                // The registration stays recorded and is tried again after the next reconnect.
                TServerClientLog.RestoreFailed(_logger, request.Name, request.ThisDN, ex.Message);
            }
        }

        TServerClientLog.RegistrationsRestored(_logger, restored, connection.RemoteEndPoint);
    }

    /// <summary>Watches the connection; when it drops, reports EventServerDisconnected and reconnects with backoff.</summary>
    private async Task SuperviseAsync(TServerConnection connection)
    {
        while (true)
        {
            Exception reason;
            var watched = connection;
            using (_lifetime.Token.Register(() => watched.Abort(new TServerConnectionException("The T-Server client was disposed.", watched.RemoteEndPoint, null))))
            {
                reason = await connection.Closed.ConfigureAwait(false);
            }

            if (Interlocked.CompareExchange(ref _connection, null, connection) == connection)
            {
                ResetConnectedSignal();
            }

            await connection.DisposeAsync().ConfigureAwait(false);
            if (_lifetime.IsCancellationRequested)
            {
                return;
            }

            TServerClientLog.ConnectionLost(_logger, connection.RemoteEndPoint, reason.Message);
            SetState(_options.AutoReconnect ? TServerConnectionState.Reconnecting : TServerConnectionState.Disconnected);
            await PublishAsync(ClientEvent(MessageType.EventServerDisconnected, connection.RemoteEndPoint, reason.Message), _lifetime.Token).ConfigureAwait(false);
            if (!_options.AutoReconnect)
            {
                _connected.TrySetCanceled();
                return;
            }

            var next = await ReconnectAsync().ConfigureAwait(false);
            if (next is null)
            {
                return;
            }

            connection = next;
            SetState(TServerConnectionState.Connected);
        }
    }

    /// <summary>
    /// Reconnects with exponential backoff and jitter until it succeeds or the client is disposed (then null). A socket
    /// factory is called again for every attempt.
    /// </summary>
    private async Task<TServerConnection?> ReconnectAsync()
    {
        for (var attempt = 0; ; attempt++)
        {
            var delay = ReconnectBackoff.GetDelay(attempt, _options.ReconnectMinDelay, _options.ReconnectMaxDelay, Random.Shared.NextDouble());
            TServerClientLog.ReconnectScheduled(_logger, attempt + 1, (long)delay.TotalMilliseconds);
            try
            {
                await Task.Delay(delay, _lifetime.Token).ConfigureAwait(false);
                var (connection, _) = await OpenFirstAvailableAsync(_lifetime.Token).ConfigureAwait(false);
                return connection;
            }
            catch (OperationCanceledException) when (_lifetime.IsCancellationRequested)
            {
                return null;
            }
            catch (TServerConnectionException ex)
            {
                TServerClientLog.ReconnectFailed(_logger, attempt + 1, ex.Message);
            }
        }
    }

    /// <summary>A client-generated EventServerConnected/EventServerDisconnected (never on the wire).</summary>
    private TlibMessage ClientEvent(MessageType type, EndPoint endPoint, string? reason)
    {
        var e = new TlibMessage(type)
        {
            Time = TlibTime.FromDateTimeOffset(DateTimeOffset.UtcNow),
        };
        e.Set(AttributeId.ApplicationName, _options.ApplicationName);
        switch (endPoint)
        {
            case IPEndPoint ip:
                e.Set(AttributeId.Host, ip.Address.ToString()).Set(AttributeId.Port, ip.Port);
                break;
            case DnsEndPoint dns:
                e.Set(AttributeId.Host, dns.Host).Set(AttributeId.Port, dns.Port);
                break;
        }

        if (reason is not null)
        {
            e.ErrorMessage = reason;
        }

        return e;
    }

    /// <summary>Arms a fresh "connected" signal after the current connection was lost (requests made meanwhile wait on it).</summary>
    private void ResetConnectedSignal()
    {
        lock (_stateLock)
        {
            if (_connected.Task.IsCompleted && _state != TServerConnectionState.Disposed)
            {
                _connected = new TaskCompletionSource<TServerConnection>(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }
}
