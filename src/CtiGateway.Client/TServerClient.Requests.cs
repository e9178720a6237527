using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using CtiGateway.Protocol;

namespace CtiGateway.Client;

/// <summary>Requests: ReferenceID assignment, sending, correlation with the response event, failure on disconnect.</summary>
public sealed partial class TServerClient
{
    /// <summary>
    /// Sends a request and completes with the first event that carries its ReferenceID. The client assigns the
    /// ReferenceID (it overwrites any in <paramref name="request"/>); many requests may be in flight at once. While the
    /// client is reconnecting, the request waits for the new connection (up to
    /// <see cref="TServerClientOptions.RequestTimeout"/>) before it is sent.
    /// </summary>
    /// <returns>The response event.</returns>
    /// <exception cref="TServerErrorException">The server answered with EventError.</exception>
    /// <exception cref="TServerConnectionException">Not connected, or the connection was lost before the answer.</exception>
    /// <exception cref="TimeoutException">No answer within <see cref="TServerClientOptions.RequestTimeout"/>.</exception>
    /// <exception cref="TlibProtocolException">The request cannot be encoded (e.g. over the maximum frame size).</exception>
    public Task<TlibMessage> RequestAsync(TlibMessage request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ObjectDisposedException.ThrowIf(State == TServerConnectionState.Disposed, this);
        var connection = _connection;
        if (connection is not null && !connection.IsClosed)
        {
            return RequestCoreAsync(connection, request, cancellationToken);
        }

        var state = State;
        if (state != TServerConnectionState.Reconnecting)
        {
            return Task.FromException<TlibMessage>(new TServerConnectionException(
                $"{request.Name} not sent: the client is not connected to a T-Server (state {state})."));
        }

        return RequestAfterReconnectAsync(request, cancellationToken);
    }

    private async Task<TlibMessage> RequestAfterReconnectAsync(TlibMessage request, CancellationToken cancellationToken)
    {
        TServerConnection connection;
        var deadline = Stopwatch.GetTimestamp() + (long)(_options.RequestTimeout.TotalSeconds * Stopwatch.Frequency);
        try
        {
            do
            {
                // A connection that closed just now may still be on the signal until it is re-armed: wait again.
                var remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
                if (remaining <= TimeSpan.Zero)
                {
                    throw new TimeoutException();
                }

                connection = await _connected.Task.WaitAsync(remaining, cancellationToken).ConfigureAwait(false);
            }
            while (connection.IsClosed);
        }
        catch (TimeoutException ex)
        {
            throw new TServerConnectionException(string.Create(CultureInfo.InvariantCulture,
                $"{request.Name} not sent: the client did not reconnect within {_options.RequestTimeout.TotalSeconds:0.###} s."), null, ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TServerConnectionException($"{request.Name} not sent: the client is no longer connected (state {State}).", null, ex);
        }

        return await RequestCoreAsync(connection, request, cancellationToken).ConfigureAwait(false);
    }

    private async Task<TlibMessage> RequestCoreAsync(TServerConnection connection, TlibMessage request, CancellationToken cancellationToken, bool isRestore = false)
    {
        PendingRequest pending;
        while (true)
        {
            var id = _referenceIds.Next();
            pending = new PendingRequest(request, id, connection, isRestore);
            if (_pending.TryAdd(id, pending))
            {
                break;
            }

            // Still in flight after a full wrap of the id space: take the next one.
        }

        request.ReferenceID = pending.ReferenceId;
        _registrations.OnSending(request);
        var frame = OutgoingFrame.ForMessage(request, pending);
        try
        {
            if (!connection.TryEnqueue(frame))
            {
                await connection.EnqueueAsync(frame, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is ChannelClosedException or OperationCanceledException)
        {
            _pending.TryRemove(new KeyValuePair<int, PendingRequest>(pending.ReferenceId, pending));
            if (ex is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            throw new TServerConnectionException(
                $"{request.Name} not sent: the connection to {connection.RemoteEndPoint} closed.", connection.RemoteEndPoint, ex);
        }

        try
        {
            return await pending.Task.WaitAsync(_options.RequestTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            if (!_pending.TryRemove(new KeyValuePair<int, PendingRequest>(pending.ReferenceId, pending)) && pending.Task.IsCompleted)
            {
                // Answered at the very last moment.
                return await pending.Task.ConfigureAwait(false);
            }

            throw new TimeoutException(string.Create(CultureInfo.InvariantCulture,
                $"{request.Name} (ReferenceID {pending.ReferenceId}) to {connection.RemoteEndPoint}: no response within {_options.RequestTimeout.TotalSeconds:0.###} s."));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _pending.TryRemove(new KeyValuePair<int, PendingRequest>(pending.ReferenceId, pending));
            throw;
        }
    }

    /// <summary>Fails every pending request sent on <paramref name="connection"/> (all of them when null).</summary>
    private void FailPending(TServerConnection? connection, Exception reason)
    {
        foreach (var entry in _pending)
        {
            var pending = entry.Value;
            if ((connection is null || pending.Connection == connection) && _pending.TryRemove(entry))
            {
                pending.TrySetException(new TServerConnectionException(
                    string.Create(CultureInfo.InvariantCulture, $"{pending.Request.Name} (ReferenceID {pending.ReferenceId}) was not answered: {reason.Message}"),
                    pending.Connection.RemoteEndPoint,
                    reason));
            }
        }
    }

    ValueTask IConnectionHandler.OnMessageAsync(TServerConnection connection, TlibMessage message)
    {
        if (message.ReferenceID is { } referenceId
            && _pending.TryGetValue(referenceId, out var pending)
            && pending.Connection == connection
            && _pending.TryRemove(new KeyValuePair<int, PendingRequest>(referenceId, pending)))
        {
            if (message.Type == MessageType.EventError)
            {
                if (!pending.IsRestore)
                {
                    _registrations.OnRefused(pending.Request);
                }

                pending.TrySetException(new TServerErrorException(pending.Request.Type, message));
            }
            else
            {
                pending.TrySetResult(message);
            }
        }

        return PublishAsync(message, connection.AbortToken);
    }

    void IConnectionHandler.OnUndecodable(TServerConnection connection, TlibProtocolException error)
    {
        TServerClientLog.UndecodableMessage(_logger, connection.RemoteEndPoint, error.Message);
        if (error.Partial?.ReferenceID is { } referenceId
            && _pending.TryGetValue(referenceId, out var pending)
            && pending.Connection == connection
            && _pending.TryRemove(new KeyValuePair<int, PendingRequest>(referenceId, pending)))
        {
            pending.TrySetException(error);
        }
    }

    void IConnectionHandler.OnSendFailed(PendingRequest pending, Exception error)
    {
        TServerClientLog.EncodeFailed(_logger, pending.Request.Name, pending.ReferenceId, error.Message);
        if (_pending.TryRemove(new KeyValuePair<int, PendingRequest>(pending.ReferenceId, pending)))
        {
            pending.TrySetException(error);
        }
    }

    void IConnectionHandler.OnClosed(TServerConnection connection, Exception reason)
    {
        if (Interlocked.CompareExchange(ref _connection, null, connection) == connection)
        {
            ResetConnectedSignal();
        }

        FailPending(connection, reason);
    }
}
