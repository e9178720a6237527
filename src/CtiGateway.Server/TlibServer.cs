using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Reflection;
using System.Security.Cryptography.X509Certificates;
using CtiGateway.Protocol;
using Microsoft.Extensions.Logging;

namespace CtiGateway.Server;

/// <summary>
/// The T-Library TCP server: accepts CTI clients, answers the requests it can serve itself, and fans events out to
/// the clients registered on a DN. Each event is encoded once and the same bytes go to every recipient's bounded
/// outbound queue; a client that stops reading is cut off without delaying the publisher or anyone else.
/// </summary>
public sealed partial class TlibServer : ITlibPublisher, IAsyncDisposable
{
    private static readonly TimeSpan HousekeepingPeriod = TimeSpan.FromMilliseconds(100);

    private readonly ConcurrentDictionary<string, DnRegistration> _dns = new(StringComparer.Ordinal);
    private readonly Lock _clientsLock = new();
    private readonly Lock _countersLock = new();
    private readonly HashSet<ClientConnection> _closing = [];
    private readonly Lock _linksLock = new();
    private readonly Dictionary<string, LinkState> _links = new(StringComparer.Ordinal);
    private readonly IPNetwork[] _allowed;
    private readonly long _startTimestamp;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<Task, bool> _rejections = new();
    private ClientConnection[] _clients = [];
    private Socket? _listener;
    private Task _acceptLoop = Task.CompletedTask;
    private Task _housekeeping = Task.CompletedTask;
    private X509Certificate2? _certificate;
    private TlibTime _serverStartTime;
    private ServerRole _role = ServerRole.Primary;
    private long _sequence;
    private long _eventsPublished;
    private long _eventsSentByClosedClients;
    private long _bytesReceivedByClosedClients;
    private long _bytesSentByClosedClients;
    private long _requestsReceived;
    private long _clientsAccepted;
    private long _clientsRejected;
    private long _slowClientsCut;
    private long _framesRejected;
    private long _lastAcceptProgressTicks;
    private int _nextClientId;
    private int _connectedLinks;
    private int _state;

    /// <summary>Creates the server; nothing is bound until <see cref="StartAsync"/>.</summary>
    /// <exception cref="ArgumentException">The options are invalid (the message lists every problem).</exception>
    public TlibServer(TServerOptions options, ILoggerFactory loggerFactory, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var problems = options.Validate().ToList();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid T-Library server options: " + string.Join("; ", problems), nameof(options));
        }

        Options = options;
        Logger = loggerFactory.CreateLogger("CtiGateway.Server.TlibServer");
        Time = timeProvider ?? TimeProvider.System;
        Codec = new TlibBinaryCodec(options.MaxFrameSize);
        _allowed = [.. options.AllowedClients.Select(a => TServerOptions.TryParseNetwork(a, out var n) ? n : throw new ArgumentException($"Bad CIDR '{a}'", nameof(options)))];
        _startTimestamp = Time.GetTimestamp();
        _serverStartTime = TlibTime.FromDateTimeOffset(Time.GetUtcNow());
        _lastAcceptProgressTicks = Time.GetUtcNow().UtcTicks;
        _refusedThrottle = new LogThrottle(Logger, Time, 1004, "connection refused by the allow-list");
        _tooManyThrottle = new LogThrottle(Logger, Time, 1005, "connection rejected: too many clients");
        _perAddressThrottle = new LogThrottle(Logger, Time, 1200, "connection rejected: too many from one address");
        _rejectionsBusyThrottle = new LogThrottle(Logger, Time, 1205, "connection reset: refusals busy");
        _registrationThrottle = new LogThrottle(Logger, Time, 1202, "closed: not registered in time");
        _frameThrottle = new LogThrottle(Logger, Time, 1203, "closed: frame not completed in time");
        _dnLimitThrottle = new LogThrottle(Logger, Time, 1204, "DN refused: TServer:MaxDnsPerClient");
        _throttles = [_refusedThrottle, _tooManyThrottle, _perAddressThrottle, _rejectionsBusyThrottle, _registrationThrottle, _frameThrottle, _dnLimitThrottle];

        // The receive loop pauses when this much input waits unprocessed; it must exceed one whole frame. Segments
        // are 64 KiB so that one read can carry a burst of requests (handled as one batch); idle connections hold none.
        var pause = (long)options.MaxFrameSize + (64 * 1024);
        InputPipeOptions = new PipeOptions(
            pool: null,
            readerScheduler: PipeScheduler.ThreadPool,
            writerScheduler: PipeScheduler.Inline,
            pauseWriterThreshold: pause,
            resumeWriterThreshold: pause / 2,
            minimumSegmentSize: 64 * 1024,
            useSynchronizationContext: false);
    }

    /// <summary>The version reported in EventServerInfo (default: this assembly's informational version).</summary>
    public string ServerVersion { get; init; } = DefaultVersion();

    /// <summary>The role reported in EventServerInfo (Primary by default).</summary>
    public ServerRole Role
    {
        get => _role;
        set => _role = value;
    }

    /// <summary>The bound endpoint once started, else null.</summary>
    public IPEndPoint? LocalEndPoint { get; private set; }

    /// <summary>Clients connected now.</summary>
    public int ClientCount => Volatile.Read(ref _clients).Length;

    /// <summary>Event frames written to client sockets (every copy of a fanned-out event counts).</summary>
    public long EventsSent => ClientTotal(static c => c.EventsSent, ref _eventsSentByClosedClients);

    /// <summary>Bytes read from client sockets since start (closed connections included).</summary>
    public long BytesReceived => ClientTotal(static c => c.BytesReceived, ref _bytesReceivedByClosedClients);

    /// <summary>Bytes written to client sockets since start (closed connections included).</summary>
    public long BytesSent => ClientTotal(static c => c.BytesSent, ref _bytesSentByClosedClients);

    /// <summary>Events stamped with a sequence number (each fan-out counts once; responses count too).</summary>
    public long EventsPublished => Interlocked.Read(ref _eventsPublished);

    /// <summary>The last EventSequenceNumber handed out.</summary>
    public long LastEventSequenceNumber => Interlocked.Read(ref _sequence);

    /// <summary>Requests received from clients.</summary>
    public long RequestsReceived => Interlocked.Read(ref _requestsReceived);

    /// <summary>Connections accepted as clients since start.</summary>
    public long ClientsAccepted => Interlocked.Read(ref _clientsAccepted);

    /// <summary>Connections refused (allow-list) or rejected (too many clients, too many from one address) since start.</summary>
    public long ClientsRejected => Interlocked.Read(ref _clientsRejected);

    /// <summary>Clients cut off because their outbound queue passed ClientQueueBytes.</summary>
    public long SlowClientsCut => Interlocked.Read(ref _slowClientsCut);

    /// <summary>Connections closed because their input could not be framed.</summary>
    public long FramesRejected => Interlocked.Read(ref _framesRejected);

    /// <summary>Registered DNs (with at least one client).</summary>
    public int RegisteredDnCount => _dns.Count;

    /// <summary>When the server started (ServerStartTime of every event).</summary>
    public DateTimeOffset StartTime => _serverStartTime.ToDateTimeOffset();

    /// <summary>
    /// Watchdog stamp: the accept loop sets it on every accepted connection, and the housekeeping tick (every 100 ms)
    /// sets it while the accept loop is waiting for connections. A stale value means the accept loop is stuck or dead.
    /// </summary>
    public DateTimeOffset LastAcceptLoopProgress => new(Interlocked.Read(ref _lastAcceptProgressTicks), TimeSpan.Zero);

    /// <summary>
    /// Optional per-switch details for EventServerInfo (last-error, frames-in, ...). When it returns a list for a
    /// switch, the switch's entry in Extensions "links" is a nested list {state, ...details}; otherwise the entry
    /// stays the string "connected" or "disconnected".
    /// </summary>
    public Func<string, KeyValueList?>? LinkDetails { get; set; }

    /// <summary>
    /// Takes the requests that need a switch (set by the Switching layer before clients connect). While null, such
    /// requests are refused: TERR_NO_SWITCH without a link, TERR_UNSUP_OPER otherwise.
    /// </summary>
    public ITlibRequestHandler? RequestHandler { get; set; }

    /// <summary>The state of each switch link the daemon declared, by switch name.</summary>
    public IReadOnlyDictionary<string, bool> LinkStates
    {
        get
        {
            lock (_linksLock)
            {
                return new SortedDictionary<string, bool>(_links.ToDictionary(l => l.Key, l => l.Value.Connected, StringComparer.Ordinal), StringComparer.Ordinal);
            }
        }
    }

    internal TServerOptions Options { get; }

    internal ILogger Logger { get; }

    internal TimeProvider Time { get; }

    internal ITlibCodec Codec { get; }

    internal PipeOptions InputPipeOptions { get; }

    internal SslServerAuthenticationOptions? TlsOptions { get; private set; }

    /// <summary>Monotonic time since the server was created (the ADDP clock).</summary>
    internal TimeSpan Elapsed => Time.GetElapsedTime(_startTimestamp);

    /// <summary>Binds the listen socket and starts accepting; returns the bound endpoint (the chosen port for port 0).</summary>
    public Task<IPEndPoint> StartAsync(CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        if (Interlocked.CompareExchange(ref _state, 1, 0) != 0)
        {
            throw new InvalidOperationException("The T-Library server was already started.");
        }

        if (!TServerOptions.TryParseHost(Options.Host, out var address))
        {
            throw new InvalidOperationException($"TServer:Host '{Options.Host}' is not an IP address.");
        }

        if (Options.Tls.Enabled)
        {
            _certificate = LoadCertificate(Options.Tls);
            TlsOptions = new SslServerAuthenticationOptions
            {
                ServerCertificateContext = SslStreamCertificateContext.Create(_certificate, additionalCertificates: null),
                ClientCertificateRequired = false,
            };
        }

        var listener = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (address.Equals(IPAddress.IPv6Any))
            {
                listener.DualMode = true;
            }

            listener.Bind(new IPEndPoint(address, Options.Port));
            listener.Listen(512);
        }
        catch
        {
            listener.Dispose();
            Interlocked.Exchange(ref _state, 0);
            throw;
        }

        _listener = listener;
        var endpoint = (IPEndPoint)listener.LocalEndPoint!;
        LocalEndPoint = endpoint;
        _serverStartTime = TlibTime.FromDateTimeOffset(Time.GetUtcNow());
        StampAcceptProgress();
        _acceptLoop = Task.Run(() => AcceptLoopAsync(listener, _stopping.Token), CancellationToken.None);
        _housekeeping = Task.Run(() => HousekeepingLoopAsync(_stopping.Token), CancellationToken.None);
        TServerLog.Listening(Logger, endpoint, Options.MaxClients, Options.MaxFrameSize, TlsOptions is not null);
        return Task.FromResult(endpoint);
    }

    /// <summary>Stops accepting, then closes every client cleanly (queued frames are written first).</summary>
    public async Task StopAsync(CancellationToken ct)
    {
        if (Interlocked.CompareExchange(ref _state, 2, 1) != 1)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener?.Dispose();
        ClientConnection[] clients;
        lock (_clientsLock)
        {
            // Under the lock ConnectInProcess adds under: no connection can slip in after this list.
            clients = _clients;
        }

        TServerLog.Stopping(Logger, clients.Length);
        foreach (var c in clients)
        {
            c.RequestClose("server stopping");
        }

        var pending = new List<Task>(clients.Length + 2 + _rejections.Count) { _acceptLoop, _housekeeping };
        pending.AddRange(clients.Select(c => c.Completion));
        pending.AddRange(_rejections.Keys);
        await Task.WhenAll(pending).WaitAsync(ct).ConfigureAwait(false);
        TServerLog.Stopped(Logger, LocalEndPoint, clients.Length);
    }

    /// <summary>Stops the server (waiting at most 10 s for clients) and releases the certificate.</summary>
    public async ValueTask DisposeAsync()
    {
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            try
            {
                await StopAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                foreach (var c in Volatile.Read(ref _clients))
                {
                    c.Abort("server disposed");
                }
            }
        }

        Interlocked.Exchange(ref _state, 2);
        _listener?.Dispose();
        _certificate?.Dispose();
        _stopping.Dispose();
    }

    /// <summary>A snapshot of every connected client: id, endpoint, application name, DNs, queue depth.</summary>
    public IReadOnlyList<ClientSnapshot> GetClients() => [.. Volatile.Read(ref _clients).Select(c => c.Snapshot())];

    /// <summary>
    /// Declares or updates a switch link. On a change, every client gets EventLinkConnected or EventLinkDisconnected
    /// with Extensions {"switch": name}; requests that need a switch are refused with TERR_NO_SWITCH while no link is
    /// connected.
    /// </summary>
    public void SetLinkState(string switchName, bool connected, string? reason = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(switchName);
        lock (_linksLock)
        {
            if (_links.TryGetValue(switchName, out var old) && old.Connected == connected && old.Reason == reason)
            {
                return;
            }

            _links[switchName] = new LinkState(connected, reason);
            Volatile.Write(ref _connectedLinks, _links.Values.Count(l => l.Connected));
            TServerLog.LinkStateChanged(Logger, switchName, connected ? "connected" : "disconnected", reason is null ? string.Empty : ": " + reason);

            // Published under the lock that the answer to RequestRegisterClient is queued under: a client gets a change
            // wholly before or wholly after that answer, so its last link event per switch is the current state.
            Publish(LinkEvent(switchName, new LinkState(connected, reason), referenceId: null), null);
        }
    }

    internal bool AnyLinkConnected => Volatile.Read(ref _connectedLinks) > 0;

    internal void CountSlowClientCut() => Interlocked.Increment(ref _slowClientsCut);

    internal void CountFrameRejected() => Interlocked.Increment(ref _framesRejected);

    /// <summary>Called once the connection's stream is up (after TLS): sends the server's ADDP hello when configured.</summary>
    internal void OnConnectionReady(ClientConnection client)
    {
        var addp = Options.Addp;
        if (addp.RemoteTimeoutSeconds > 0)
        {
            client.SendAddpHello(new AddpHello((ushort)addp.TimeoutSeconds, (ushort)addp.RemoteTimeoutSeconds, addp.ParsedTrace));
            TServerLog.AddpHelloSent(Logger, client.Id, addp.TimeoutSeconds, addp.RemoteTimeoutSeconds);
        }
    }

    /// <summary>Takes a closing client out of the broadcast list and every DN registration.</summary>
    internal void Detach(ClientConnection client)
    {
        // A closing client still writes its queued frames: its counters stay in the totals (via _closing) until
        // OnClientClosed folds them into the closed-client sums, so the totals never step backwards.
        lock (_countersLock)
        {
            lock (_clientsLock)
            {
                var i = Array.IndexOf(_clients, client);
                if (i >= 0)
                {
                    var copy = new ClientConnection[_clients.Length - 1];
                    Array.Copy(_clients, 0, copy, 0, i);
                    Array.Copy(_clients, i + 1, copy, i, _clients.Length - i - 1);
                    Volatile.Write(ref _clients, copy);
                    _closing.Add(client);
                    CountAddress(client, -1);
                    if (client.InProcess)
                    {
                        _inProcessClients--;
                    }
                }
            }
        }

        foreach (var dn in client.TakeAllDns())
        {
            UnregisterDn(client, dn);
        }
    }

    internal void OnClientClosed(ClientConnection client, string reason)
    {
        lock (_countersLock)
        {
            _eventsSentByClosedClients += client.EventsSent;
            _bytesReceivedByClosedClients += client.BytesReceived;
            _bytesSentByClosedClients += client.BytesSent;
            _closing.Remove(client);
        }

        TServerLog.ClientDisconnected(Logger, client.Id, client.RemoteEndPoint, reason);
    }

    // Closed-client sums plus every open and closing client, read consistently with Detach/OnClientClosed.
    private long ClientTotal(Func<ClientConnection, long> read, ref long closed)
    {
        lock (_countersLock)
        {
            var total = closed;
            foreach (var c in Volatile.Read(ref _clients))
            {
                total += read(c);
            }

            foreach (var c in _closing)
            {
                total += read(c);
            }

            return total;
        }
    }

    private void StampAcceptProgress() => Interlocked.Exchange(ref _lastAcceptProgressTicks, Time.GetUtcNow().UtcTicks);

    private static X509Certificate2 LoadCertificate(TServerTlsOptions tls)
    {
        using var pem = X509Certificate2.CreateFromPemFile(tls.CertificatePemFile, tls.KeyPemFile);

        // A PEM key is ephemeral; round-tripping through PKCS#12 gives SslStream a key it can use on every platform.
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), password: null);
    }

    private static string DefaultVersion() =>
        typeof(TlibServer).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(TlibServer).Assembly.GetName().Version?.ToString()
        ?? "0.0.0";

    private readonly record struct LinkState(bool Connected, string? Reason);
}
