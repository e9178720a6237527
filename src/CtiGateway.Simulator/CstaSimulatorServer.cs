using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using CtiGateway.Pbx.Csta;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CtiGateway.Simulator;

/// <summary>
/// The switch side of CSTA-XML over TCP: a listener that serves one or more gateway links on one
/// <see cref="SwitchModel"/> (several servers, e.g. one per simulated switch and dialect, may share one model: they
/// all lock the model's <see cref="SwitchModel.Sync"/>). Each link gets the OSV start-up (SystemStatus normal first, with the switch's own
/// invoke id), the periodic SystemStatus heartbeat, request handling (responses echo the request's invoke id) and
/// the events of the monitors it started (invoke id 9999). Fault-injection methods act on every open link.
/// </summary>
public sealed class CstaSimulatorServer : IAsyncDisposable
{
    private readonly SwitchModel _model;
    private readonly CstaSimulatorOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly List<CstaSimulatorLink> _links = [];
    private readonly CancellationTokenSource _stop = new();
    private TcpListener? _listener;
    private Task _acceptLoop = Task.CompletedTask;
    private Task _tickLoop = Task.CompletedTask;
    /// <summary>Link ids are unique in the process, so the logs of several simulated switches (the demo) stay apart.</summary>
    private static int s_nextLinkId;
    private long _nextSession;
    private int _sessionsStarted;
    private int _sessionsStopped;
    private int _sessionResets;
    private int _sessionsExpired;
    private int _sessionResetsIgnored;
    private int _requestsIgnored;
    private volatile bool _refuseSessions;
    private volatile SimSessionResetFault _sessionResetFault;
    private volatile IReadOnlySet<string> _ignoredServices = new HashSet<string>(StringComparer.Ordinal);
    private TaskCompletionSource _linksReleased = NewReleasedGate(completed: true);

    public CstaSimulatorServer(SwitchModel model, CstaSimulatorOptions? options = null, TimeProvider? time = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        _model = model;
        _options = options ?? new CstaSimulatorOptions();
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        Namespace = CstaNamespaces.For(_options.Flavour);
    }

    /// <summary>The namespace every body is written in.</summary>
    public string Namespace { get; }

    /// <summary>The bound endpoint (after <see cref="Start"/>).</summary>
    public IPEndPoint LocalEndPoint => (IPEndPoint?)_listener?.LocalEndpoint ?? throw new InvalidOperationException("The simulator is not started.");

    /// <summary>Links open now.</summary>
    public int LinkCount
    {
        get
        {
            lock (_gate)
            {
                return _links.Count;
            }
        }
    }

    internal SwitchModel Model => _model;

    /// <summary>Application sessions started (AES mode).</summary>
    public int SessionsStarted => Volatile.Read(ref _sessionsStarted);

    /// <summary>Application sessions ended by StopApplicationSession.</summary>
    public int SessionsStopped => Volatile.Read(ref _sessionsStopped);

    /// <summary>ResetApplicationSessionTimer requests answered positively.</summary>
    public int SessionTimerResets => Volatile.Read(ref _sessionResets);

    /// <summary>Application sessions that expired without a timer reset (their links were closed).</summary>
    public int SessionsExpired => Volatile.Read(ref _sessionsExpired);

    /// <summary>ResetApplicationSessionTimer requests dropped by the <see cref="SimSessionResetFault.Ignore"/> fault.</summary>
    public int SessionResetsIgnored => Volatile.Read(ref _sessionResetsIgnored);

    /// <summary>Fault: StartApplicationSession gets StartApplicationSessionNegResponse (definedError invalidApplicationInfo).</summary>
    public bool RefuseSessions
    {
        get => _refuseSessions;
        set => _refuseSessions = value;
    }

    /// <summary>Fault: how ResetApplicationSessionTimer is treated.</summary>
    public SimSessionResetFault SessionResetFault
    {
        get => _sessionResetFault;
        set => _sessionResetFault = value;
    }

    /// <summary>
    /// Fault: requests of these CSTA services (request element names, e.g. <c>HoldCall</c>) are read and never answered,
    /// as by a switch that lost them; every other request is served. Empty by default. Takes effect for the next request.
    /// </summary>
    public IReadOnlySet<string> IgnoredServices
    {
        get => _ignoredServices;
        set => _ignoredServices = value is null ? throw new ArgumentNullException(nameof(value)) : new HashSet<string>(value, StringComparer.Ordinal);
    }

    /// <summary>Requests left unanswered by the <see cref="IgnoredServices"/> fault.</summary>
    public int RequestsIgnored => Volatile.Read(ref _requestsIgnored);

    /// <summary>
    /// Fault: while true, a gateway that connects is left waiting: its TCP connection is accepted by the system but the
    /// switch sends nothing and reads nothing until this is set back to false (then the link starts as usual, unless the
    /// gateway gave up meanwhile). Links already open are not affected; together with <see cref="DisconnectAllAsync"/>
    /// this keeps a switch's links down for as long as a test needs.
    /// </summary>
    public bool HoldNewLinks
    {
        get
        {
            lock (_gate)
            {
                return !_linksReleased.Task.IsCompleted;
            }
        }

        set
        {
            lock (_gate)
            {
                if (value && _linksReleased.Task.IsCompleted)
                {
                    _linksReleased = NewReleasedGate(completed: false);
                }
                else if (!value)
                {
                    _linksReleased.TrySetResult();
                }
            }
        }
    }

    internal string NewSessionId(int linkId) =>
        $"{linkId:X8}{Interlocked.Increment(ref _nextSession):X24}-0";

    internal void CountSession(bool started) => Interlocked.Increment(ref started ? ref _sessionsStarted : ref _sessionsStopped);

    internal void CountReset() => Interlocked.Increment(ref _sessionResets);

    internal void CountIgnoredReset() => Interlocked.Increment(ref _sessionResetsIgnored);

    internal void CountExpiry() => Interlocked.Increment(ref _sessionsExpired);

    internal void CountIgnoredRequest() => Interlocked.Increment(ref _requestsIgnored);

    /// <summary>The open links, as a snapshot.</summary>
    internal IReadOnlyList<CstaSimulatorLink> Links
    {
        get
        {
            lock (_gate)
            {
                return [.. _links];
            }
        }
    }

    internal CstaSimulatorOptions Options => _options;

    internal TimeProvider Time => _time;

    internal ILogger Logger => _logger;

    /// <summary>Binds (port 0 picks a free port) and starts accepting links and running the model's timed actions.</summary>
    public void Start(IPEndPoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (_listener is not null)
        {
            throw new InvalidOperationException("The simulator is already started.");
        }

        _listener = new TcpListener(endpoint);
        _listener.Start();
        SimulatorLog.Listening(_logger, LocalEndPoint, Namespace);
        _acceptLoop = AcceptLoopAsync(_stop.Token);
        EnsureTicking();
    }

    /// <summary>
    /// Serves one gateway link over <paramref name="pipe"/> (e.g. the in-memory side of a serial bridge), exactly as
    /// a TCP link: CSTA-XML frames in both directions. The model's timed actions start running if they were not
    /// already. The link writes until it closes, then completes <see cref="IDuplexPipe.Output"/>; the pipe itself
    /// stays with the caller.
    /// </summary>
    /// <returns>The link id (as in the log).</returns>
    public int AttachLink(IDuplexPipe pipe)
    {
        ArgumentNullException.ThrowIfNull(pipe);
        ObjectDisposedException.ThrowIf(_stop.IsCancellationRequested, this);
        EnsureTicking();
        var link = new CstaSimulatorLink(this, Interlocked.Increment(ref s_nextLinkId), pipe.Input, pipe.Output, static () => { });
        lock (_gate)
        {
            _links.Add(link);
        }

        SimulatorLog.LinkConnected(_logger, link.Id, null);
        link.Start(_stop.Token);
        return link.Id;
    }

    private void EnsureTicking()
    {
        lock (_gate)
        {
            if (_tickLoop.IsCompleted)
            {
                _tickLoop = TickLoopAsync(_stop.Token);
            }
        }
    }

    /// <summary>Runs the model's due actions now and delivers their events (tests with a fake clock call this).</summary>
    public int RunDue()
    {
        lock (_model.Sync)
        {
            var ran = _model.RunDue();
            DispatchEvents();
            return ran;
        }
    }

    /// <summary>Runs a model operation under the server's lock and delivers the events it raised.</summary>
    public T Invoke<T>(Func<SwitchModel, T> operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        lock (_model.Sync)
        {
            var result = operation(_model);
            DispatchEvents();
            return result;
        }
    }

    /// <summary>Runs a model operation (e.g. starting scripted traffic) under the server's lock and delivers its events.</summary>
    public void Invoke(Action<SwitchModel> operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        Invoke(m =>
        {
            operation(m);
            return true;
        });
    }

    /// <summary>Fault: writes raw garbage bytes on every link.</summary>
    public Task InjectGarbageAsync(ReadOnlyMemory<byte> bytes) => ForEachLink(l => l.InjectAsync(bytes, "garbage"));

    /// <summary>Fault: sends a SystemStatus frame whose length field is off by <paramref name="lengthDelta"/> bytes.</summary>
    public Task SendFrameWithWrongLengthAsync(int lengthDelta) => ForEachLink(l => l.SendWrongLengthAsync(lengthDelta));

    /// <summary>Fault (or plain status): sends SystemStatus with <paramref name="status"/> (e.g. messagesLost, disabled).</summary>
    public Task SendSystemStatusAsync(string status) => ForEachLink(l => l.SendSystemStatusAsync(status));

    /// <summary>Fault: the links send nothing for <paramref name="duration"/> (requests are still read and queued).</summary>
    public Task StallAsync(TimeSpan duration) => ForEachLink(l =>
    {
        l.Stall(duration);
        return Task.CompletedTask;
    });

    /// <summary>Fault: drops every link (the gateway sees the TCP connection close).</summary>
    public Task DisconnectAllAsync() => ForEachLink(l => l.CloseAsync("disconnect injected"));

    /// <summary>Stops listening and closes every link.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener?.Stop();
        await DisconnectAllAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_acceptLoop, _tickLoop).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    /// <summary>Handles one request of a link under the lock: queues the response, then the events it raised.</summary>
    internal void Handle(CstaSimulatorLink link, int invokeId, Func<SwitchModel, SimServiceResult> service, string element)
    {
        lock (_model.Sync)
        {
            var result = service(_model);
            if (result.IsError)
            {
                SimulatorLog.ServiceError(_logger, link.Id, invokeId, element, result.ErrorCategory!, result.ErrorValue!, result.Reason ?? "");
            }

            var body = new ArrayBufferWriter<byte>(256);
            CstaSwitchXmlWriter.WriteResult(body, Namespace, link.RequireDeviceIds ? result.WithDevices(link.AsDeviceId) : result);
            link.Enqueue(invokeId, body.WrittenSpan, isResponse: true);
            DispatchEvents();
        }
    }

    /// <summary>A link closed: forget it and its monitors.</summary>
    internal void Remove(CstaSimulatorLink link)
    {
        lock (_gate)
        {
            _links.Remove(link);
        }

        lock (_model.Sync)
        {
            _model.RemoveMonitorsOf(link);
        }
    }

    /// <summary>
    /// Queues every pending model event on the link that owns its monitor, in that link's dialect (a model may be
    /// shared by the servers of several simulated switches). Caller holds the model's lock.
    /// </summary>
    private void DispatchEvents()
    {
        var body = new ArrayBufferWriter<byte>(512);
        foreach (var record in _model.DrainEvents())
        {
            if (record.Monitor.Owner is not CstaSimulatorLink link)
            {
                continue;
            }

            body.ResetWrittenCount();
            switch (record.Message)
            {
                case CstaCallEvent callEvent:
                    CstaSwitchXmlWriter.WriteEvent(body, link.Namespace, link.RequireDeviceIds ? link.WithDeviceIds(callEvent) : callEvent);
                    break;
                case CstaAgentEvent agentEvent when link.ReportAgentEvents:
                    CstaSwitchXmlWriter.WriteAgentEvent(body, link.Namespace, agentEvent);
                    break;
                case CstaMaintenanceEvent maintenance:
                    CstaSwitchXmlWriter.WriteMaintenanceEvent(body, link.Namespace, link.RequireDeviceIds ? maintenance with { Device = link.AsDeviceId(maintenance.Device) } : maintenance);
                    break;
                case CstaMonitorEndedEvent ended:
                    CstaSwitchXmlWriter.WriteMonitorEnded(body, link.Namespace, ended);
                    break;
                default:
                    continue;
            }

            link.Enqueue(CstaWire.EventInvokeId, body.WrittenSpan, isResponse: false);
        }
    }

    private async Task ForEachLink(Func<CstaSimulatorLink, Task> action)
    {
        CstaSimulatorLink[] links;
        lock (_gate)
        {
            links = [.. _links];
        }

        foreach (var link in links)
        {
            await action(link).ConfigureAwait(false);
        }
    }

    private async Task AcceptLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener!.AcceptSocketAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            try
            {
                Task released;
                lock (_gate)
                {
                    released = _linksReleased.Task;
                }

                await released.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                socket.Dispose();
                return;
            }

            socket.NoDelay = true;
            var stream = new NetworkStream(socket, ownsSocket: true);
            var link = new CstaSimulatorLink(this, Interlocked.Increment(ref s_nextLinkId), PipeReader.Create(stream), PipeWriter.Create(stream), () =>
            {
                socket.Close();
                stream.Dispose();
            });
            lock (_gate)
            {
                _links.Add(link);
            }

            SimulatorLog.LinkConnected(_logger, link.Id, socket.RemoteEndPoint);
            link.Start(cancellationToken);
        }
    }

    private static TaskCompletionSource NewReleasedGate(bool completed)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (completed)
        {
            gate.SetResult();
        }

        return gate;
    }

    private async Task TickLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_options.TickInterval, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            RunDue();
        }
    }
}
