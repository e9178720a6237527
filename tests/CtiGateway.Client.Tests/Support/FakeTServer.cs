using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace CtiGateway.Client.Tests.Support;

/// <summary>
/// A small T-Server for tests, on 127.0.0.1 and a free port: answers RequestRegisterClient with EventLinkConnected (or
/// EventLinkDisconnected 54 when it has no switch link), RequestRegisterAddress with EventRegistered,
/// RequestQueryServer with EventServerInfo, RequestDistributeUserEvent with EventACK plus EventUserEvent to the DN's
/// clients, and anything else with EventError 51 unless <see cref="OnRequest"/> answers it. It records every request,
/// can push events, drop connections, and answer or ignore ADDP polls.
/// </summary>
public sealed class FakeTServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<FakeTServerSession> _sessions = [];
    private readonly Lock _lock = new();
    private readonly Task _acceptLoop;
    private long _eventSequence;

    /// <summary>Starts listening on 127.0.0.1 and a free port (TLS with <paramref name="certificate"/> when given).</summary>
    public FakeTServer(X509Certificate2? certificate = null)
    {
        Certificate = certificate;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        EndPoint = (IPEndPoint)_listener.LocalEndpoint;
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>The listening endpoint.</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>"127.0.0.1:PORT".</summary>
    public string HostPort => $"127.0.0.1:{EndPoint.Port}";

    /// <summary>The TLS certificate, or null for plain TCP.</summary>
    public X509Certificate2? Certificate { get; }

    /// <summary>False makes RequestRegisterClient answer EventLinkDisconnected with ErrorCode 54.</summary>
    public bool HasSwitchLink { get; set; } = true;

    /// <summary>AttributeServerVersion of EventServerInfo.</summary>
    public string ServerVersion { get; set; } = "fake-tserver 1.0";

    /// <summary>AttributeServerRole of EventServerInfo.</summary>
    public ServerRole Role { get; set; } = ServerRole.Primary;

    /// <summary>The Extensions "links" list of EventServerInfo (switch name to "connected"/"disconnected").</summary>
    public KeyValueList Links { get; } = new KeyValueList().Add("tel_sw", "connected");

    /// <summary>Whether new sessions answer ADDP polls (each session can change it).</summary>
    public bool AnswerAddpPolls { get; set; } = true;

    /// <summary>Custom answers: return the events to send for a request, or null for the default handling.</summary>
    public Func<FakeTServerSession, TlibMessage, IEnumerable<TlibMessage>?>? OnRequest { get; set; }

    /// <summary>Every request received, in order, with the index of its session.</summary>
    public ConcurrentQueue<(int Session, TlibMessage Request)> Requests { get; } = new();

    /// <summary>Pulsed on every accept, request, ADDP frame and disconnect.</summary>
    public AsyncSignal Changed { get; } = new();

    /// <summary>The sessions accepted so far, in order.</summary>
    public IReadOnlyList<FakeTServerSession> Sessions
    {
        get
        {
            lock (_lock)
            {
                return [.. _sessions];
            }
        }
    }

    /// <summary>Waits for session <paramref name="index"/> (0-based) to be accepted.</summary>
    public async Task<FakeTServerSession> WaitForSessionAsync(int index, CancellationToken cancellationToken)
    {
        await Changed.WaitUntilAsync(() => Sessions.Count > index, cancellationToken);
        return Sessions[index];
    }

    /// <summary>Waits until <paramref name="count"/> requests matching <paramref name="predicate"/> have arrived.</summary>
    public Task WaitForRequestsAsync(Func<TlibMessage, bool> predicate, int count, CancellationToken cancellationToken) =>
        Changed.WaitUntilAsync(() => Requests.Count(r => predicate(r.Request)) >= count, cancellationToken);

    /// <summary>Sends an event to every connected session.</summary>
    public async Task PushToAllAsync(TlibMessage message)
    {
        foreach (var session in Sessions.Where(s => s.IsConnected))
        {
            await session.SendAsync(message);
        }
    }

    /// <summary>Drops every connection (the client sees the server close it).</summary>
    public void DropAll()
    {
        foreach (var session in Sessions)
        {
            session.Drop();
        }
    }

    /// <summary>Stamps an event as the server does: time, sequence number, start time.</summary>
    public TlibMessage Stamp(TlibMessage message)
    {
        message.Time = TlibTime.FromDateTimeOffset(DateTimeOffset.UtcNow);
        message.EventSequenceNumber = Interlocked.Increment(ref _eventSequence);
        message.ServerStartTime = new TlibTime(1_700_000_000, 0);
        return message;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        DropAll();
        await _acceptLoop;
        foreach (var session in Sessions)
        {
            await session.Completion;
        }

        _stop.Dispose();
    }

    internal void Pulse() => Changed.Pulse();

    internal IEnumerable<TlibMessage> Answer(FakeTServerSession session, TlibMessage request)
    {
        Requests.Enqueue((session.Index, request));
        var custom = OnRequest?.Invoke(session, request);
        if (custom is not null)
        {
            return custom;
        }

        var referenceId = request.ReferenceID ?? 0;
        switch (request.Type)
        {
            case MessageType.RequestRegisterClient when HasSwitchLink:
                return [Stamp(new TlibMessage(MessageType.EventLinkConnected) { ReferenceID = referenceId })];
            case MessageType.RequestRegisterClient:
                return [Stamp(new TlibMessage(MessageType.EventLinkDisconnected) { ReferenceID = referenceId, ErrorCode = 54, ErrorMessage = ErrorCodeText.Get(54) })];
            case MessageType.RequestRegisterAddress when request.ThisDN is { } dn:
                session.Register(dn);
                return [Stamp(new TlibMessage(MessageType.EventRegistered) { ReferenceID = referenceId, ThisDN = dn, Extensions = new KeyValueList().Add("status", 0) }
                    .Set(AttributeId.AddressInfoType, (int)AddressInfoType.AddressType))];
            case MessageType.RequestUnregisterAddress when request.ThisDN is { } dn:
                session.Unregister(dn);
                return [Stamp(new TlibMessage(MessageType.EventUnregistered) { ReferenceID = referenceId, ThisDN = dn })];
            case MessageType.RequestQueryServer:
                return [Stamp(new TlibMessage(MessageType.EventServerInfo) { ReferenceID = referenceId, Extensions = new KeyValueList().Add("links", Links.Clone()) }
                    .Set(AttributeId.ServerVersion, ServerVersion)
                    .Set(AttributeId.ServerRole, (int)Role))];
            case MessageType.RequestSetInputMask:
                return [Stamp(new TlibMessage(MessageType.EventACK) { ReferenceID = referenceId })];
            case MessageType.RequestQueryAddress when request.ThisDN is { } dn && session.IsRegistered(dn):
                return [Stamp(new TlibMessage(MessageType.EventAddressInfo) { ReferenceID = referenceId, ThisDN = dn, Extensions = new KeyValueList().Add("status", 0) }
                    .Set(AttributeId.AddressInfoType, request.GetInt(AttributeId.AddressInfoType) ?? (int)AddressInfoType.DNStatus))];
            case MessageType.RequestDistributeUserEvent when request.ThisDN is { } dn:
                var userEvent = Stamp(new TlibMessage(MessageType.EventUserEvent) { ThisDN = dn, UserData = request.UserData ?? new KeyValueList() });
                foreach (var target in Sessions.Where(s => s.IsConnected && s.IsRegistered(dn)))
                {
                    target.Post(userEvent);
                }

                return [Stamp(new TlibMessage(MessageType.EventACK) { ReferenceID = referenceId }.Set(AttributeId.UserEvent, (int)MessageType.EventUserEvent))];
            default:
                return [Stamp(new TlibMessage(MessageType.EventError) { ReferenceID = referenceId, ErrorCode = 51, ErrorMessage = ErrorCodeText.Get(51) })];
        }
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            socket.NoDelay = true;
            Stream stream = new NetworkStream(socket, ownsSocket: true);
            if (Certificate is not null)
            {
                var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
                try
                {
                    await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = Certificate }, _stop.Token);
                }
                catch (Exception ex) when (ex is IOException or OperationCanceledException or System.Security.Authentication.AuthenticationException)
                {
                    await ssl.DisposeAsync();
                    continue;
                }

                stream = ssl;
            }

            FakeTServerSession session;
            lock (_lock)
            {
                session = new FakeTServerSession(this, _sessions.Count, socket, stream, AnswerAddpPolls);
                _sessions.Add(session);
            }

            session.Start();
            Pulse();
        }
    }
}
