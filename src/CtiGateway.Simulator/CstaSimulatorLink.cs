using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Threading.Channels;
using CtiGateway.Pbx;
using CtiGateway.Pbx.Csta;

namespace CtiGateway.Simulator;

/// <summary>
/// One gateway link of <see cref="CstaSimulatorServer"/>: reads request frames, answers through the server's model,
/// and writes responses, events and the switch's own SystemStatus requests from one ordered output queue. The
/// link runs over any byte pipe (a TCP socket, or the in-memory side of a serial bridge); <paramref name="close"/>
/// releases what is under the pipe when the link closes.
/// </summary>
internal sealed class CstaSimulatorLink(CstaSimulatorServer server, int id, PipeReader input, PipeWriter output, Action close)
{
    private readonly CstaSimulatorServer _server = server;
    private readonly PipeReader _input = input;
    private readonly PipeWriter _outputWriter = output;
    private readonly Action _close = close;
    private readonly Channel<OutboundFrame> _output = Channel.CreateUnbounded<OutboundFrame>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _cts = new();
    private int _nextInvokeId;
    private int _closed;
    private long _stallUntilTicks;
    private CancellationTokenRegistration _serverStopping;
    private readonly Lock _sessionSync = new();
    private string? _sessionId;
    private TimeSpan _sessionDuration;
    private ITimer? _sessionTimer;
    private long _sessionGeneration;

    public int Id { get; } = id;

    /// <summary>The namespace this link's bodies are written in (its server's dialect).</summary>
    public string Namespace => _server.Namespace;

    /// <summary>Whether agent events go out on this link.</summary>
    public bool ReportAgentEvents => _server.Options.ReportAgentEvents;

    /// <summary>The sessionID of the link's application session, or null.</summary>
    public string? SessionId
    {
        get
        {
            lock (_sessionSync)
            {
                return _sessionId;
            }
        }
    }

    /// <summary>The invoke id of the start-up SystemStatus.</summary>
    public int StartupInvokeId { get; private set; } = -1;

    /// <summary>True once the gateway answered the start-up SystemStatus with SystemStatusResponse.</summary>
    public bool StartupAnswered { get; private set; }

    public void Start(CancellationToken serverStopping)
    {
        _serverStopping = serverStopping.Register(() => _ = CloseAsync("simulator stopping"));
        if (_server.Options.ApplicationSession is null)
        {
            // OSV style: the switch speaks first. An AES waits for StartApplicationSession.
            StartupInvokeId = EnqueueSystemStatus("normal");
        }

        _ = WriteLoopAsync(_cts.Token);
        _ = ReadLoopAsync(_cts.Token);
        if (_server.Options.HeartbeatInterval is { } interval && interval > TimeSpan.Zero)
        {
            _ = HeartbeatLoopAsync(interval, _cts.Token);
        }
    }

    /// <summary>Queues one frame. Responses wait <see cref="CstaSimulatorOptions.ResponseDelay"/> before they go out.</summary>
    public void Enqueue(int invokeId, ReadOnlySpan<byte> body, bool isResponse)
    {
        var frame = new ArrayBufferWriter<byte>(body.Length + CstaWire.HeaderSize);
        CstaFrameWriter.Write(invokeId, body, frame);
        _output.Writer.TryWrite(new OutboundFrame(frame.WrittenSpan.ToArray(), isResponse ? _server.Options.ResponseDelay : TimeSpan.Zero));
    }

    public Task InjectAsync(ReadOnlyMemory<byte> bytes, string fault)
    {
        SimulatorLog.FaultInjected(_server.Logger, Id, fault);
        _output.Writer.TryWrite(new OutboundFrame(bytes.ToArray(), TimeSpan.Zero));
        return Task.CompletedTask;
    }

    public Task SendWrongLengthAsync(int lengthDelta)
    {
        var body = new ArrayBufferWriter<byte>(256);
        CstaSwitchXmlWriter.WriteSystemStatus(body, _server.Namespace, "normal");
        var frame = new ArrayBufferWriter<byte>();
        CstaFrameWriter.Write(NextInvokeId(), body.WrittenSpan, frame);
        var bytes = frame.WrittenSpan.ToArray();
        var lying = Math.Clamp(bytes.Length + lengthDelta, 0, ushort.MaxValue);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(2), (ushort)lying);
        return InjectAsync(bytes, $"frame length {lying} instead of {bytes.Length}");
    }

    public Task SendSystemStatusAsync(string status)
    {
        if (status is not "normal")
        {
            SimulatorLog.FaultInjected(_server.Logger, Id, "SystemStatus " + status);
        }

        EnqueueSystemStatus(status);
        return Task.CompletedTask;
    }

    public void Stall(TimeSpan duration)
    {
        SimulatorLog.FaultInjected(_server.Logger, Id, $"stall for {duration}");
        Interlocked.Exchange(ref _stallUntilTicks, (_server.Time.GetUtcNow() + duration).UtcTicks);
    }

    public Task CloseAsync(string reason)
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return Task.CompletedTask;
        }

        SimulatorLog.LinkClosed(_server.Logger, Id, reason);
        lock (_sessionSync)
        {
            _sessionTimer?.Dispose();
            _sessionTimer = null;
            _sessionGeneration++;
        }

        _output.Writer.TryComplete();
        _cts.Cancel();
        _serverStopping.Dispose();
        _close();
        _server.Remove(this);
        return Task.CompletedTask;
    }

    private int EnqueueSystemStatus(string status)
    {
        var invokeId = NextInvokeId();
        var body = new ArrayBufferWriter<byte>(256);
        CstaSwitchXmlWriter.WriteSystemStatus(body, _server.Namespace, status);
        Enqueue(invokeId, body.WrittenSpan, isResponse: false);
        return invokeId;
    }

    /// <summary>The switch's own invoke ids: 1..9998, never the event id 9999.</summary>
    private int NextInvokeId() => (Interlocked.Increment(ref _nextInvokeId) - 1) % (CstaWire.EventInvokeId - 1) + 1;

    private async Task ReadLoopAsync(CancellationToken cancellationToken)
    {
        var reader = _input;
        var reason = "gateway closed the link";
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                var buffer = result.Buffer;
                while (CstaFrameReader.TryReadFrame(ref buffer, out var frame, _server.Options.MaxFrameSize))
                {
                    HandleFrame(frame);
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (PbxFramingException ex)
        {
            SimulatorLog.FramingError(_server.Logger, Id, ex.Cause, ex.Offset, ex.Message);
            reason = "framing error " + ex.Cause;
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException or SocketException)
        {
            reason = "link closed";
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
        }

        await CloseAsync(reason).ConfigureAwait(false);
    }

    private void HandleFrame(CstaFrame frame)
    {
        CstaRequest request;
        try
        {
            request = CstaRequestParser.Parse(frame.Xml);
        }
        catch (CstaDialectException ex)
        {
            SimulatorLog.BadRequest(_server.Logger, Id, frame.InvokeId, ex.Cause, ex.Message);
            _server.Handle(this, frame.InvokeId, _ => SimServiceResult.Error(SimErrors.Operation, SimErrors.Generic, ex.Message), "(unparseable)");
            return;
        }

        if (request.Element == "SystemStatusResponse")
        {
            if (frame.InvokeId == StartupInvokeId)
            {
                StartupAnswered = true;
            }

            SimulatorLog.SystemStatusAnswered(_server.Logger, Id, frame.InvokeId);
            return;
        }

        if (_server.Options.ApplicationSession is { } session)
        {
            if (HandleSessionRequest(session, frame, request))
            {
                return;
            }

            if (SessionId is null)
            {
                SimulatorLog.RequestWithoutSession(_server.Logger, Id, frame.InvokeId, request.Element);
                _server.Handle(this, frame.InvokeId, _ => SimServiceResult.Error(
                    SimErrors.Operation, SimErrors.Generic, $"{request.Element} before StartApplicationSession: no application session on this link."), request.Element);
                return;
            }

            if (session.RequireDeviceIds && PlainDnIn(request) is { } plain)
            {
                SimulatorLog.PlainDnRefused(_server.Logger, Id, request.Element, plain);
                _server.Handle(this, frame.InvokeId, _ => SimServiceResult.Error(
                    SimErrors.Operation,
                    SimErrors.InvalidDeviceId,
                    $"{request.Element}: {plain} is not a device identifier; obtain one with GetDeviceId (e.g. {DmccDeviceId(plain, DmccSwitchName)})."), request.Element);
                return;
            }

            request = WithPlainDeviceIds(request);
        }

        if (_server.Options.Services is { } offered && !offered.Contains(request.Element))
        {
            var profile = _server.Options.ProfileId is { } id ? $"profile {id}" : "this switch";
            _server.Handle(this, frame.InvokeId, _ => SimServiceResult.Error(
                SimErrors.Operation, SimErrors.ServiceNotSupported, $"{request.Element} is not among the services of {profile}."), request.Element);
            return;
        }

        if (_server.IgnoredServices.Contains(request.Element))
        {
            SimulatorLog.FaultInjected(_server.Logger, Id, $"{request.Element} invoke id {frame.InvokeId} ignored (no answer)");
            _server.CountIgnoredRequest();
            return;
        }

        _server.Handle(this, frame.InvokeId, Service(request), request.Element);
    }

    /// <summary>The AES side of ECMA-354 and DMCC's GetDeviceId; true when the request was one of them.</summary>
    private bool HandleSessionRequest(SimApplicationSessionOptions options, CstaFrame frame, CstaRequest request)
    {
        var invokeId = frame.InvokeId;
        var body = new ArrayBufferWriter<byte>(512);
        switch (request.Element)
        {
            case "StartApplicationSession":
                var version = request.Text("requestedProtocolVersions") ?? "";
                var requested = ParseSeconds(request.Text("requestedSessionDuration")) ?? options.MaxSessionDuration;
                if (LoginProblem(options, frame) is { } login)
                {
                    SimulatorLog.LoginRefused(_server.Logger, Id, login);
                    CstaSwitchXmlWriter.WriteSessionNegResponse(body, "StartApplicationSessionNegResponse", "invalidApplicationInfo");
                    break;
                }

                if (_server.RefuseSessions || !options.Accepts(version))
                {
                    var error = _server.RefuseSessions ? "invalidApplicationInfo" : "requestedProtocolVersionNotSupported";
                    SimulatorLog.SessionRefused(_server.Logger, Id, version, error);
                    CstaSwitchXmlWriter.WriteSessionNegResponse(body, "StartApplicationSessionNegResponse", error);
                    break;
                }

                var granted = requested < options.MaxSessionDuration ? requested : options.MaxSessionDuration;
                string sessionId;
                lock (_sessionSync)
                {
                    _sessionId = sessionId = _server.NewSessionId(Id);
                    ArmSessionTimer(granted);
                }

                _server.CountSession(started: true);
                SimulatorLog.SessionStarted(_server.Logger, Id, sessionId, version, (int)granted.TotalSeconds);
                CstaSwitchXmlWriter.WriteStartApplicationSessionPosResponse(body, sessionId, version, (int)granted.TotalSeconds);
                break;
            case "ResetApplicationSessionTimer":
                var id = request.Text("sessionID");
                if (_server.SessionResetFault == SimSessionResetFault.Ignore)
                {
                    SimulatorLog.FaultInjected(_server.Logger, Id, "ResetApplicationSessionTimer ignored");
                    _server.CountIgnoredReset();
                    return true;
                }

                TimeSpan? duration = null;
                lock (_sessionSync)
                {
                    if (id is not null && id == _sessionId && _server.SessionResetFault == SimSessionResetFault.None)
                    {
                        var asked = ParseSeconds(request.Text("requestedSessionDuration")) ?? _sessionDuration;
                        duration = asked < options.MaxSessionDuration ? asked : options.MaxSessionDuration;
                        ArmSessionTimer(duration.Value);
                    }
                }

                if (duration is { } d)
                {
                    _server.CountReset();
                    SimulatorLog.SessionReset(_server.Logger, Id, id!, (int)d.TotalSeconds);
                    CstaSwitchXmlWriter.WriteResetApplicationSessionTimerPosResponse(body, (int)d.TotalSeconds);
                }
                else
                {
                    SimulatorLog.SessionRefused(_server.Logger, Id, id ?? "(no sessionID)", "invalidSessionID");
                    CstaSwitchXmlWriter.WriteSessionNegResponse(body, "ResetApplicationSessionTimerNegResponse", "invalidSessionID");
                }

                break;
            case "StopApplicationSession":
                var stopId = request.Text("sessionID");
                bool stopped;
                lock (_sessionSync)
                {
                    stopped = stopId is not null && stopId == _sessionId;
                    if (stopped)
                    {
                        _sessionId = null;
                        _sessionTimer?.Dispose();
                        _sessionTimer = null;
                        _sessionGeneration++;
                    }
                }

                if (stopped)
                {
                    _server.CountSession(started: false);
                    SimulatorLog.SessionStopped(_server.Logger, Id, stopId!);
                    CstaSwitchXmlWriter.WriteEmptySessionResponse(body, "StopApplicationSessionPosResponse");
                }
                else
                {
                    CstaSwitchXmlWriter.WriteSessionNegResponse(body, "StopApplicationSessionNegResponse", "invalidSessionID");
                }

                break;
            case "GetDeviceId":
                var extension = request.Text("extension");
                var switchName = request.Text("switchName") ?? "CM";
                DmccSwitchName = switchName;
                if (extension is null || !_server.Model.Plan.TryGet(extension, out _))
                {
                    _server.Handle(this, invokeId, _ => SimServiceResult.Error(
                        SimErrors.Operation, SimErrors.InvalidDeviceId, $"GetDeviceId: extension {extension ?? "(none)"} is not in the switching plan."), request.Element);
                    return true;
                }

                CstaSwitchXmlWriter.WriteGetDeviceIdResponse(body, DmccDeviceId(extension, switchName));
                break;
            default:
                return false;
        }

        Enqueue(invokeId, body.WrittenSpan, isResponse: true);
        return true;
    }

    /// <summary>The switchName of this link's last GetDeviceId ("CM" before any): events name stations with it.</summary>
    public string DmccSwitchName { get; private set; } = "CM";

    /// <summary>Whether this link names stations by DMCC device identifiers (strict AES mode).</summary>
    public bool RequireDeviceIds => _server.Options.ApplicationSession is { RequireDeviceIds: true };

    /// <summary>A call event as a strict AES sends it: every station of the plan as its device identifier.</summary>
    public CstaCallEvent WithDeviceIds(CstaCallEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.WithDevices(AsDeviceId);
    }

    /// <summary>A station of the plan as this link names it on a strict AES (its device identifier); any other device as is.</summary>
    public string AsDeviceId(string device) =>
        _server.Model.Plan.TryGet(device, out var d) && d.Kind == SimDeviceKind.Extension ? DmccDeviceId(device, DmccSwitchName) : device;

    /// <summary>Why StartApplicationSession's log-in is refused, or null when it is accepted (or not checked).</summary>
    private static string? LoginProblem(SimApplicationSessionOptions options, CstaFrame frame)
    {
        if (options.UserName is null)
        {
            return null;
        }

        string? user, password;
        try
        {
            user = CstaRequestParser.FindText(frame.Xml, "userName");
            password = CstaRequestParser.FindText(frame.Xml, "password");
        }
        catch (CstaDialectException ex)
        {
            return ex.Message;
        }

        // The password is never logged.
        return user is null ? "no acx:SessionLoginInfo userName in the request"
            : user != options.UserName ? $"unknown user '{user}'"
            : password != options.Password ? $"wrong password for user '{user}'"
            : null;
    }

    /// <summary>The first station named by its plain DN in a device field or a connection's deviceID, or null.</summary>
    private string? PlainDnIn(CstaRequest request)
    {
        foreach (var name in (ReadOnlySpan<string>)["monitorObject", "callingDevice", "snapshotObject", "device"])
        {
            if (request.Text(name) is { } text && IsPlainStation(text))
            {
                return text;
            }
        }

        foreach (var field in request.Fields.Values)
        {
            if (field.DeviceId is { } device && IsPlainStation(device))
            {
                return device;
            }
        }

        return null;

        bool IsPlainStation(string value) =>
            !value.Contains(':', StringComparison.Ordinal) && _server.Model.Plan.TryGet(value, out var d) && d.Kind == SimDeviceKind.Extension;
    }

    /// <summary>The DMCC device identifier of an extension: <c>extension:switchName:switchIP:instance</c>.</summary>
    public static string DmccDeviceId(string extension, string switchName) => $"{extension}:{switchName}:0.0.0.0:0";

    /// <summary>(Re)starts the session timer. Caller holds the session lock.</summary>
    private void ArmSessionTimer(TimeSpan duration)
    {
        _sessionDuration = duration;
        _sessionTimer?.Dispose();
        var generation = ++_sessionGeneration;
        _sessionTimer = _server.Time.CreateTimer(_ => ExpireSession(generation), null, duration, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The session timer ran out: the AES ends the session and drops the connection.</summary>
    private void ExpireSession(long generation)
    {
        string? expired;
        TimeSpan duration;
        lock (_sessionSync)
        {
            if (generation != _sessionGeneration || _sessionId is null)
            {
                return;
            }

            expired = _sessionId;
            duration = _sessionDuration;
            _sessionId = null;
        }

        _server.CountExpiry();
        SimulatorLog.SessionExpired(_server.Logger, Id, expired, (int)duration.TotalSeconds);
        _ = CloseAsync($"application session {expired} expired: no ResetApplicationSessionTimer within {duration.TotalSeconds} s");
    }

    /// <summary>DMCC device identifiers (<c>5001:CM1:0.0.0.0:0</c>) reduced to the plan's DNs.</summary>
    private CstaRequest WithPlainDeviceIds(CstaRequest request)
    {
        Dictionary<string, CstaRequestField>? changed = null;
        foreach (var (name, field) in request.Fields)
        {
            var text = Plain(field.Text);
            var device = Plain(field.DeviceId);
            if (!ReferenceEquals(text, field.Text) || !ReferenceEquals(device, field.DeviceId))
            {
                changed ??= new Dictionary<string, CstaRequestField>(request.Fields, StringComparer.Ordinal);
                changed[name] = field with { Text = text, DeviceId = device };
            }
        }

        return changed is null ? request : request with { Fields = changed };

        string? Plain(string? value)
        {
            if (value is null)
            {
                return null;
            }

            var colon = value.IndexOf(':', StringComparison.Ordinal);
            return colon > 0 && _server.Model.Plan.TryGet(value[..colon], out _) ? value[..colon] : value;
        }
    }

    private static TimeSpan? ParseSeconds(string? text) =>
        int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : null;

    private Func<SwitchModel, SimServiceResult> Service(CstaRequest r) => r.Element switch
    {
        "SystemRegister" => m => m.SystemRegister(),
        "RequestSystemStatus" => _ => SimServiceResult.StatusReported("normal"),
        "SystemStatus" => _ => SimServiceResult.Ok("SystemStatusResponse"),
        "MonitorStart" => WithText(r, "monitorObject", (m, device) => m.MonitorStart(device, this)),
        "MonitorStop" => WithText(r, "monitorCrossRefID", (m, crossRef) => m.MonitorStop(crossRef)),
        "MakeCall" => WithText(r, "callingDevice", (m, calling) =>
            r.Text("calledDirectoryNumber") is { } called ? m.MakeCall(calling, called) : Missing(r, "calledDirectoryNumber")),
        "AnswerCall" => WithConnection(r, "callToBeAnswered", (m, c) => m.AnswerCall(c)),
        "ClearConnection" => WithConnection(r, "connectionToBeCleared", (m, c) => m.ClearConnection(c)),
        "ClearCall" => WithConnection(r, "callToBeCleared", (m, c) => m.ClearCall(c)),
        "HoldCall" => WithConnection(r, "callToBeHeld", (m, c) => m.HoldCall(c)),
        "RetrieveCall" => WithConnection(r, "callToBeRetrieved", (m, c) => m.RetrieveCall(c)),
        "ConsultationCall" => WithConnectionAndText(r, "existingCall", "consultedDevice", (m, c, device) => m.ConsultationCall(c, device)),
        "TransferCall" => WithConnection(r, "heldCall", (m, held) =>
            r.Connection("activeCall") is { } active ? m.TransferCall(held, active) : Missing(r, "activeCall/callID+deviceID")),
        "ConferenceCall" => WithConnection(r, "heldCall", (m, held) =>
            r.Connection("activeCall") is { } active ? m.ConferenceCall(held, active) : Missing(r, "activeCall/callID+deviceID")),
        "DeflectCall" => WithConnectionAndText(r, "callToBeDiverted", "newDestination", (m, c, device) => m.DeflectCall(c, device)),
        "SingleStepTransferCall" => WithConnectionAndText(r, "activeCall", "transferredTo", (m, c, device) => m.SingleStepTransferCall(c, device)),
        "AlternateCall" => WithConnection(r, "heldCall", (m, held) =>
            r.Connection("activeCall") is { } active ? m.AlternateCall(held, active) : Missing(r, "activeCall/callID+deviceID")),
        "ReconnectCall" => WithConnection(r, "activeCall", (m, active) =>
            r.Connection("heldCall") is { } held ? m.ReconnectCall(active, held) : Missing(r, "heldCall/callID+deviceID")),
        "SingleStepConferenceCall" => WithConnectionAndText(r, "activeCall", "deviceToJoin", (m, c, device) => r.Text("participationType") switch
        {
            null or "active" => m.SingleStepConferenceCall(c, device),
            "silent" => m.SingleStepConferenceCall(c, device, silent: true),
            var other => SimServiceResult.Error(
                SimErrors.Operation, SimErrors.ValueOutOfRange, $"SingleStepConferenceCall: participationType '{other}' is not active or silent."),
        }),
        "GenerateDigits" => WithConnectionAndText(r, "connectionToSendDigits", "charactersToSend", (m, c, digits) => m.GenerateDigits(c, digits)),
        "SnapshotDevice" => WithText(r, "snapshotObject", (m, device) => m.SnapshotDevice(device)),
        "SetAgentState" => WithText(r, "device", (m, device) =>
            r.Text("requestedAgentState") is { } state ? m.SetAgentState(device, state, r.Text("agentID"), r.Text("group")) : Missing(r, "requestedAgentState")),
        "GetAgentState" => WithText(r, "device", (m, device) => m.GetAgentState(device)),
        "SetDoNotDisturb" => WithText(r, "device", (m, device) => m.SetDoNotDisturb(device, r.Text("doNotDisturbOn"))),
        "SetForwarding" => WithText(r, "device", (m, device) => m.SetForwarding(device, r.Text("forwardingType"), r.Text("activateForward"), r.Text("forwardDN"))),
        _ => _ => SimServiceResult.Error(SimErrors.Operation, SimErrors.ServiceNotSupported, $"The simulator does not provide the service {r.Element}."),
    };

    private static Func<SwitchModel, SimServiceResult> WithText(CstaRequest r, string name, Func<SwitchModel, string, SimServiceResult> service) =>
        r.Text(name) is { } text ? m => service(m, text) : _ => Missing(r, name);

    private static Func<SwitchModel, SimServiceResult> WithConnection(CstaRequest r, string name, Func<SwitchModel, CstaConnectionId, SimServiceResult> service) =>
        r.Connection(name) is { } connection ? m => service(m, connection) : _ => Missing(r, name + "/callID+deviceID");

    private static Func<SwitchModel, SimServiceResult> WithConnectionAndText(
        CstaRequest r, string connectionName, string textName, Func<SwitchModel, CstaConnectionId, string, SimServiceResult> service) =>
        WithConnection(r, connectionName, (m, c) => r.Text(textName) is { } text ? service(m, c, text) : Missing(r, textName));

    private static SimServiceResult Missing(CstaRequest r, string name) =>
        SimServiceResult.Error(SimErrors.Operation, SimErrors.Generic, $"{r.Element} lacks the mandatory element {r.Element}/{name}.");

    private async Task WriteLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var frame in _output.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                var stallUntil = new DateTimeOffset(Interlocked.Read(ref _stallUntilTicks), TimeSpan.Zero);
                var now = _server.Time.GetUtcNow();
                if (stallUntil > now)
                {
                    await Task.Delay(stallUntil - now, _server.Time, cancellationToken).ConfigureAwait(false);
                }

                if (frame.Delay > TimeSpan.Zero)
                {
                    await Task.Delay(frame.Delay, _server.Time, cancellationToken).ConfigureAwait(false);
                }

                var flush = await _outputWriter.WriteAsync(frame.Bytes, cancellationToken).ConfigureAwait(false);
                if (flush.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException or SocketException or InvalidOperationException)
        {
            await CloseAsync("write failed or link closed").ConfigureAwait(false);
        }
        finally
        {
            await _outputWriter.CompleteAsync().ConfigureAwait(false);
        }
    }

    private async Task HeartbeatLoopAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(interval, _server.Time, cancellationToken).ConfigureAwait(false);
                EnqueueSystemStatus("normal");
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private readonly record struct OutboundFrame(byte[] Bytes, TimeSpan Delay);
}
