using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using CtiGateway.Protocol;

namespace CtiGateway.Server;

/// <summary>
/// One client connection: a receive loop that fills a pipe, a process loop that cuts frames and handles them, and a
/// writer loop that drains a bounded outbound queue of shared encoded frames in batches.
/// </summary>
internal sealed partial class ClientConnection
{
    private const int Open = 0;
    private const int Closing = 1;
    private const int Aborted = 2;

    private readonly TlibServer _server;
    private readonly Socket _socket;
    private readonly ConcurrentQueue<EncodedFrame> _queue = new();
    private readonly AsyncSignal _signal = new();
    private readonly CancellationTokenSource _receiveCts = new();
    private readonly Lock _dnLock = new();
    private readonly HashSet<string> _dns = new(StringComparer.Ordinal);
    private readonly int _queueLimit;
    private long _queuedBytes;
    private long _eventsSent;
    private long _bytesReceived;
    private long _bytesSent;
    private int _writerIdle;
    private int _state;
    private string? _closeReason;
    private volatile TlibMask? _inputMask;
    private volatile string? _applicationName;

    public ClientConnection(TlibServer server, int id, Socket socket, EndPoint? remoteEndPoint, IPAddress? sourceAddress, DateTimeOffset connectedAt, TimeSpan now)
    {
        _server = server;
        _socket = socket;
        Id = id;
        RemoteEndPoint = remoteEndPoint;
        SourceAddress = sourceAddress;
        ConnectedAt = connectedAt;
        _queueLimit = server.Options.ClientQueueBytes;
        _addp = new AddpMonitor(TimeSpan.FromSeconds(server.Options.Addp.TimeoutSeconds), server.Options.Addp.ParsedTrace, now);
        _acceptedAt = now;
        _registrationTimeout = TimeSpan.FromSeconds(server.Options.RegistrationTimeoutSeconds);
        _frameTimeout = TimeSpan.FromSeconds(server.Options.FrameTimeoutSeconds);
    }

    /// <summary>The server's id of this connection, as in the log lines.</summary>
    public int Id { get; }

    /// <summary>The peer's address and port; <see cref="InProcessEndPoint"/> for an in-process connection.</summary>
    public EndPoint? RemoteEndPoint { get; }

    /// <summary>True for a connection made by <see cref="TlibServer.ConnectInProcess"/> (no TLS, no client limits).</summary>
    public bool InProcess => RemoteEndPoint is InProcessEndPoint;

    /// <summary>The peer's address (IPv4-mapped addresses as IPv4): the key of the per-address connection limit.</summary>
    public IPAddress? SourceAddress { get; }

    public DateTimeOffset ConnectedAt { get; }

    /// <summary>Completes when the connection is closed and cleaned up.</summary>
    public Task Completion { get; private set; } = Task.CompletedTask;

    /// <summary>The ApplicationName from RequestRegisterClient.</summary>
    public string? ApplicationName
    {
        get => _applicationName;
        set => _applicationName = value;
    }

    /// <summary>The input mask from RequestSetInputMask; null lets every event through.</summary>
    public TlibMask? InputMask
    {
        get => _inputMask;
        set => _inputMask = value;
    }

    /// <summary>Event frames written to the socket so far.</summary>
    public long EventsSent => Volatile.Read(ref _eventsSent);

    /// <summary>Bytes read from the client's socket (after TLS).</summary>
    public long BytesReceived => Volatile.Read(ref _bytesReceived);

    /// <summary>Bytes written to the client's socket (before TLS).</summary>
    public long BytesSent => Volatile.Read(ref _bytesSent);

    /// <summary>Memory held by the frames queued and not yet written (see <see cref="EncodedFrame.HeldBytes"/>).</summary>
    public long QueuedBytes => Volatile.Read(ref _queuedBytes);

    /// <summary>True while the connection takes requests and events.</summary>
    public bool IsOpen => Volatile.Read(ref _state) == Open;

    /// <summary>Starts the connection's loops on the thread pool.</summary>
    public void Start() => Completion = Task.Run(RunAsync);

    /// <summary>True when an unsolicited event of <paramref name="type"/> passes the client's input mask.</summary>
    public bool Accepts(MessageType type)
    {
        var mask = _inputMask;
        return mask is null || mask.IsSet((int)type);
    }

    /// <summary>
    /// Queues a frame the caller holds a reference for; on success the queue owns that reference. Never blocks: a
    /// client whose queue would pass the bound is cut off instead, and false tells the caller to keep the reference.
    /// </summary>
    public bool Enqueue(EncodedFrame frame)
    {
        if (Volatile.Read(ref _state) == Aborted)
        {
            return false;
        }

        // The bound counts the memory the frame holds (its pooled buffer and the bookkeeping), not its length: a
        // client that never reads cannot make the server hold more than ClientQueueBytes for it.
        var held = frame.HeldBytes;
        var queued = Interlocked.Add(ref _queuedBytes, held);
        if (queued > _queueLimit)
        {
            Interlocked.Add(ref _queuedBytes, -held);
            CutSlowReader(queued);
            return false;
        }

        _queue.Enqueue(frame);
        if (Volatile.Read(ref _writerIdle) == 1)
        {
            if (!DeferredWakes.Active)
            {
                WakeWriter();
            }
            else if (Interlocked.Exchange(ref _writerIdle, 0) == 1)
            {
                // The wake is ours now; the process loop signals the writer after its current batch of requests.
                DeferredWakes.Add(this);
            }
        }

        return true;
    }

    /// <summary>Closes cleanly: stops reading, writes what is queued, then closes. False when it was closing already.</summary>
    public bool RequestClose(string reason)
    {
        if (Interlocked.CompareExchange(ref _state, Closing, Open) != Open)
        {
            return false;
        }

        Interlocked.CompareExchange(ref _closeReason, reason, null);
        CancelReceive();
        WakeWriter();
        return true;
    }

    /// <summary>Drops the connection at once (queued frames are discarded). False when it was already aborted.</summary>
    public bool Abort(string reason)
    {
        if (Interlocked.Exchange(ref _state, Aborted) == Aborted)
        {
            return false;
        }

        Interlocked.CompareExchange(ref _closeReason, reason, null);

        // Socket teardown runs on the pool: the caller may be a publisher that must not wait for it.
        ThreadPool.UnsafeQueueUserWorkItem(static c => c.AbortNow(), this, preferLocal: false);
        return true;
    }

    /// <summary>Adds a DN to the client's own list unless the list already holds <paramref name="limit"/> other DNs.</summary>
    public DnAddResult AddDn(string dn, int limit)
    {
        lock (_dnLock)
        {
            if (_dns.Contains(dn))
            {
                return DnAddResult.AlreadyRegistered;
            }

            if (_dns.Count >= limit)
            {
                return DnAddResult.LimitReached;
            }

            _dns.Add(dn);
            return DnAddResult.Added;
        }
    }

    /// <summary>Whether the client registered <paramref name="dn"/>.</summary>
    public bool HasDn(string dn)
    {
        lock (_dnLock)
        {
            return _dns.Contains(dn);
        }
    }

    /// <summary>Removes a DN from the client's own list; false when the client had not registered it.</summary>
    public bool RemoveDn(string dn)
    {
        lock (_dnLock)
        {
            return _dns.Remove(dn);
        }
    }

    /// <summary>Empties the client's DN list and returns what it held.</summary>
    public string[] TakeAllDns()
    {
        lock (_dnLock)
        {
            var all = _dns.ToArray();
            _dns.Clear();
            return all;
        }
    }

    public ClientSnapshot Snapshot()
    {
        string[] dns;
        lock (_dnLock)
        {
            dns = [.. _dns.Order(StringComparer.Ordinal)];
        }

        return new ClientSnapshot(Id, RemoteEndPoint as IPEndPoint, _applicationName, dns, QueuedBytes, EventsSent, ConnectedAt, _isTls, AddpTimeout, InProcess);
    }

    private void CutSlowReader(long queued)
    {
        if (Abort($"slow reader: {queued} bytes queued, over the limit of {_queueLimit} bytes"))
        {
            TServerLog.SlowClientCut(_server.Logger, Id, RemoteEndPoint, queued, _queueLimit);
            _server.CountSlowClientCut();
        }
    }

    /// <summary>Wakes the writer whose idle flag the caller took (see <see cref="DeferredWakes"/>).</summary>
    public void SignalWriter() => _signal.Set();

    private void WakeWriter()
    {
        if (Interlocked.Exchange(ref _writerIdle, 0) == 1)
        {
            _signal.Set();
        }
    }

    private void CancelReceive()
    {
        try
        {
            _receiveCts.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already cleaned up.
        }
    }

    private void AbortNow()
    {
        CancelReceive();
        try
        {
            _socket.Close(0);
        }
        catch (ObjectDisposedException)
        {
            // Already closed.
        }

        WakeWriter();
    }
}
