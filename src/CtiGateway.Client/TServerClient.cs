using System.Collections.Concurrent;
using System.Net;
using System.Threading.Channels;
using CtiGateway.Protocol;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CtiGateway.Client;

/// <summary>
/// A T-Library client: connects to a T-Server (primary, then backups), registers, sends requests correlated by
/// ReferenceID, delivers every event as an async stream, speaks ADDP, and reconnects with backoff when the connection
/// drops, restoring its DN registrations.
/// </summary>
/// <remarks>
/// Thread-safe: requests may be sent from any thread and pipelined. Events are read by one reader, through
/// <see cref="ReadEventsAsync"/> or <see cref="Events"/>. The client generates EventServerConnected when a connection
/// opens and EventServerDisconnected when it closes, as T-Library does.
/// </remarks>
public sealed partial class TServerClient : IAsyncDisposable, IConnectionHandler
{
    private readonly TServerClientOptions _options;
    private readonly ITlibCodec _codec;
    private readonly ILogger _logger;
    private readonly Channel<TlibMessage> _events;
    private readonly ConcurrentDictionary<int, PendingRequest> _pending = new();
    private readonly ReferenceIdSequence _referenceIds;
    private readonly RegistrationSet _registrations = new();
    private readonly CancellationTokenSource _lifetime = new();
    private readonly Lock _stateLock = new();
    private readonly SocketFactoryEndPoint? _socketFactory;
    private TServerConnection? _connection;
    private volatile TaskCompletionSource<TServerConnection> _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _supervisor = Task.CompletedTask;
    private TServerConnectionState _state = TServerConnectionState.Disconnected;
    private long _droppedEvents;

    /// <summary>Creates a client; nothing happens on the network until <see cref="ConnectAsync"/>.</summary>
    /// <exception cref="ArgumentException">An option is invalid (the message names it).</exception>
    public TServerClient(TServerClientOptions options, ILogger? logger = null)
        : this(options, logger, new ReferenceIdSequence())
    {
    }

    internal TServerClient(TServerClientOptions options, ILogger? logger, ReferenceIdSequence referenceIds)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _codec = options.Codec ?? new TlibBinaryCodec(options.MaxFrameSize);
        _logger = logger ?? NullLogger.Instance;
        _referenceIds = referenceIds;
        _socketFactory = options.SocketFactory is { } factory ? new SocketFactoryEndPoint(options.SocketFactoryName, factory) : null;
        var channelOptions = new BoundedChannelOptions(options.EventBufferCapacity)
        {
            SingleWriter = false,
            SingleReader = false,
            FullMode = options.EventOverflow == TServerEventOverflow.Wait ? BoundedChannelFullMode.Wait : BoundedChannelFullMode.DropOldest,
        };
        _events = Channel.CreateBounded<TlibMessage>(channelOptions, OnEventDropped);
    }

    /// <summary>The connection state.</summary>
    public TServerConnectionState State
    {
        get
        {
            lock (_stateLock)
            {
                return _state;
            }
        }
    }

    /// <summary>
    /// The endpoint of the current connection, or null when not connected. For a connection opened by
    /// <see cref="TServerClientOptions.SocketFactory"/> it has no address; its ToString() is
    /// <see cref="TServerClientOptions.SocketFactoryName"/>.
    /// </summary>
    public EndPoint? RemoteEndPoint => _connection?.RemoteEndPoint;

    /// <summary>How many events were dropped because the event buffer was full (<see cref="TServerEventOverflow.DropOldest"/>).</summary>
    public long DroppedEvents => Interlocked.Read(ref _droppedEvents);

    /// <summary>The DNs registered through this client (sent and not refused; restored after a reconnect), in registration order.</summary>
    public IReadOnlyList<string> RegisteredDNs => _registrations.DNs();

    /// <summary>
    /// Every event in arrival order: server events (responses included) and the client-generated
    /// EventServerConnected/EventServerDisconnected. Completes when the client is disposed.
    /// </summary>
    public ChannelReader<TlibMessage> Events => _events.Reader;

    /// <summary>Reads <see cref="Events"/> as an async stream until the client is disposed or <paramref name="cancellationToken"/> fires.</summary>
    public IAsyncEnumerable<TlibMessage> ReadEventsAsync(CancellationToken cancellationToken = default) => _events.Reader.ReadAllAsync(cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        TServerConnection? connection;
        lock (_stateLock)
        {
            if (_state == TServerConnectionState.Disposed)
            {
                return;
            }

            _state = TServerConnectionState.Disposed;
            connection = _connection;
        }

        _lifetime.Cancel();
        connection?.Abort(new TServerConnectionException("The T-Server client was disposed.", connection.RemoteEndPoint, null));
        try
        {
            await _supervisor.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The supervisor stops on disposal.
        }

        if (connection is not null)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }

        _connected.TrySetCanceled();
        FailPending(null, new TServerConnectionException("The T-Server client was disposed."));
        _events.Writer.TryComplete();
        _lifetime.Dispose();
        TServerClientLog.Disposed(_logger);
    }

    private void SetState(TServerConnectionState state)
    {
        lock (_stateLock)
        {
            if (_state != TServerConnectionState.Disposed)
            {
                _state = state;
            }
        }
    }

    private void OnEventDropped(TlibMessage dropped)
    {
        var count = Interlocked.Increment(ref _droppedEvents);
        if ((count & (count - 1)) == 0)
        {
            // Log the 1st, 2nd, 4th, 8th ... drop so a stalled reader is visible without flooding the log.
            TServerClientLog.EventsDropped(_logger, count);
        }
    }

    private ValueTask PublishAsync(TlibMessage message, CancellationToken cancellationToken) =>
        _events.Writer.TryWrite(message) || _events.Reader.Completion.IsCompleted
            ? ValueTask.CompletedTask
            : WaitAndPublishAsync(message, cancellationToken);

    private async ValueTask WaitAndPublishAsync(TlibMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await _events.Writer.WriteAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ChannelClosedException)
        {
            // The connection or the client closed while waiting for the reader: the event goes with it.
        }
    }
}
