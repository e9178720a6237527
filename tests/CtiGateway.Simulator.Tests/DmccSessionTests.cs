using System.Net;
using CtiGateway.Pbx.Csta;
using CtiGateway.Pbx.Links;
using CtiGateway.Pbx.Profiles;

namespace CtiGateway.Simulator.Tests;

/// <summary>
/// The gateway's CstaTcpLink against the simulator playing an Avaya AES (profile avaya-aes-dmcc-8), over real
/// loopback TCP, with both sides on one virtual clock: ECMA-354 session start, ResetApplicationSessionTimer at half
/// the actual duration, expiry when resets stop, StopApplicationSession on shutdown, and call control with events.
/// </summary>
public sealed class DmccSessionTests : IAsyncDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    private readonly VirtualTimeProvider _clock = new();
    private readonly SwitchModel _model;
    private readonly CstaSimulatorServer _server;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<LinkStateChanged> _states = [];
    private readonly List<HardwareErrorRecord> _errors = [];
    private CstaTcpLink? _link;
    private Task _run = Task.CompletedTask;

    public DmccSessionTests()
    {
        _model = new SwitchModel(SwitchingPlan.Demo(), _clock);
        _server = new CstaSimulatorServer(
            _model,
            new CstaSimulatorOptions
            {
                Flavour = CstaDialectFlavour.DmccEd3,
                HeartbeatInterval = null,
                ApplicationSession = new SimApplicationSessionOptions { AcceptedProtocolVersions = [Priv7] },
                ReportAgentEvents = false,
            },
            _clock);
        _server.Start(new IPEndPoint(IPAddress.Loopback, 0));
    }

    private const string Priv7 = "http://www.ecma-international.org/standards/ecma-323/csta/ed3/priv7";

    [Fact]
    public void TheDmccProfileAsksForAnEightySecondSessionResetAtHalf()
    {
        var path = ProfilePath("avaya-aes-dmcc-8.json");
        var profile = FirmwareProfileLoader.Load(path);
        var options = CstaApplicationSessionOptions.FromProfile(profile.Dialect.ApplicationSession!);
        Assert.Equal((Priv7, TimeSpan.FromSeconds(80), 0.5, TimeSpan.FromSeconds(80)), (options.ProtocolVersion, options.RequestedDuration, options.ResetAt, options.CleanupDelay));
        Assert.Equal(TimeSpan.FromSeconds(40), profile.Dialect.ApplicationSession!.ResetInterval(TimeSpan.FromSeconds(80)));
    }

    [Fact]
    public async Task SessionStartsBeforeTheLinkIsUpThenMonitorAndMakeCallEventsAreDecoded()
    {
        StartLink(Session());
        await EventuallyAsync(() => _link!.State == LinkState.Up, "the link is up");
        Assert.Equal(TimeSpan.FromSeconds(80), _link!.SessionDuration);
        Assert.EndsWith("-0", _link.SessionId, StringComparison.Ordinal);
        Assert.Equal(1, _server.SessionsStarted);
        Assert.Contains("application session", _states[0].Reason, StringComparison.Ordinal);

        var getId = await _link.SendRequestAsync(w => CstaXmlEncoder.WriteGetDeviceId(w, "CM1", "7001"), TestContext.Current.CancellationToken);
        var deviceId = Assert.IsType<CstaGetDeviceIdResponse>(await ResponseAsync(getId)).Device;
        Assert.Equal("7001:CM1:0.0.0.0:0", deviceId);

        var monitorA = await _link.SendRequestAsync(w => CstaXmlEncoder.WriteMonitorStart(w, CstaDialectFlavour.DmccEd3, deviceId), TestContext.Current.CancellationToken);
        var crossA = Assert.IsType<CstaMonitorStartResponse>(await ResponseAsync(monitorA)).MonitorCrossRefId;
        var monitorB = await _link.SendRequestAsync(w => CstaXmlEncoder.WriteMonitorStart(w, CstaDialectFlavour.DmccEd3, "7002"), TestContext.Current.CancellationToken);
        var crossB = Assert.IsType<CstaMonitorStartResponse>(await ResponseAsync(monitorB)).MonitorCrossRefId;

        var make = await _link.SendRequestAsync(w => CstaXmlEncoder.WriteMakeCall(w, CstaDialectFlavour.DmccEd3, deviceId, "7002"), TestContext.Current.CancellationToken);
        var response = Assert.IsType<CstaMakeCallResponse>(await ResponseAsync(make));
        Assert.Equal(CstaNamespaces.Ed3, response.Namespace);
        Assert.Equal("7001", response.CallingDevice.DeviceId);

        var events = new List<CstaCallEvent>();
        for (var i = 0; i < 4; i++)
        {
            var message = await NextAsync();
            Assert.Equal(CstaWire.EventInvokeId, message.InvokeId);
            events.Add(Assert.IsType<CstaCallEvent>(message.Message));
        }

        Assert.Equal(
            [
                (CstaEventType.ServiceInitiated, crossA, "initiated", "makeCall"),
                (CstaEventType.Originated, crossA, "connected", "newCall"),
                (CstaEventType.Delivered, crossA, "connected", "newCall"),
                (CstaEventType.Delivered, crossB, "alerting", "newCall"),
            ],
            events.Select(e => (e.Type, e.MonitorCrossRefId, e.LocalConnectionInfo!, e.Cause!)));
        Assert.All(events, e => Assert.Equal(CstaNamespaces.Ed3, e.Namespace));
        Assert.All(events, e => Assert.Equal(response.CallingDevice.CallId, e.Connection.CallId));
        Assert.Equal(("7001", "7002"), (events[3].CallingDevice, events[3].SubjectDevice));
    }

    [Fact]
    public async Task SessionTimerIsResetAtHalfTheActualDurationInVirtualTime()
    {
        StartLink(Session());
        await EventuallyAsync(() => _link!.State == LinkState.Up, "the link is up");

        await _clock.WaitForTimerDueInAsync(TimeSpan.FromSeconds(40), TimeSpan.FromSeconds(30));
        _clock.Advance(TimeSpan.FromSeconds(39));
        Assert.Equal(0, _server.SessionTimerResets);
        _clock.Advance(TimeSpan.FromSeconds(1));
        await EventuallyAsync(() => _link!.SessionTimerResets == 1 && _server.SessionTimerResets == 1, "the first reset at 40 s");

        for (var expected = 2; expected <= 5; expected++)
        {
            // The gateway re-arms its reset timer after the previous reset was answered: wait for that, then advance.
            await _clock.WaitForTimerDueInAsync(TimeSpan.FromSeconds(40), TimeSpan.FromSeconds(30));
            _clock.Advance(TimeSpan.FromSeconds(39));
            Assert.Equal(expected - 1, _server.SessionTimerResets);
            _clock.Advance(TimeSpan.FromSeconds(1));
            await EventuallyAsync(() => _link!.SessionTimerResets == expected, $"reset {expected} at {expected * 40} s");
        }

        // 200 s of virtual time: far past the 80 s session, which lives on because of the resets.
        Assert.Equal(LinkState.Up, _link!.State);
        Assert.Equal((1, 0), (_server.SessionsStarted, _server.SessionsExpired));
        Assert.Empty(_errors);
    }

    [Fact]
    public async Task UnansweredResetDropsTheLinkWithAClearCauseAndItReconnectsWithANewSession()
    {
        StartLink(Session());
        await EventuallyAsync(() => _link!.State == LinkState.Up, "the link is up");
        var first = _link!.SessionId;
        _server.SessionResetFault = SimSessionResetFault.Ignore;

        _clock.Advance(TimeSpan.FromSeconds(40));
        await EventuallyAsync(() => _server.SessionResetsIgnored == 1, "the reset reaches the switch, which ignores it");
        _clock.Advance(TimeSpan.FromSeconds(10));
        await EventuallyAsync(() => _states.Count >= 2, "the link goes down");
        Assert.Equal(LinkState.Down, _states[1].State);
        Assert.Contains("ResetApplicationSessionTimer", _states[1].Reason, StringComparison.Ordinal);
        Assert.Contains("not answered within 10 s", _states[1].Reason, StringComparison.Ordinal);
        var error = Assert.Single(_errors);
        Assert.Equal(("session-reset-failed", "ResetApplicationSessionTimer"), (error.Cause, error.Element));

        _server.SessionResetFault = SimSessionResetFault.None;
        await AdvanceUntilAsync(() => _link.State == LinkState.Up && _server.SessionsStarted == 2, "the link reconnects");
        Assert.NotEqual(first, _link.SessionId);
    }

    [Fact]
    public async Task RefusedResetDropsTheLink()
    {
        StartLink(Session());
        await EventuallyAsync(() => _link!.State == LinkState.Up, "the link is up");
        _server.SessionResetFault = SimSessionResetFault.Refuse;
        _clock.Advance(TimeSpan.FromSeconds(40));
        await EventuallyAsync(() => _states.Count >= 2, "the link goes down");
        Assert.Contains("ResetApplicationSessionTimer refused by the switch", _states[1].Reason, StringComparison.Ordinal);
        Assert.Contains("definedError: invalidSessionID", _states[1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSimulatorEndsASessionThatIsNotResetAndClosesTheLink()
    {
        await using var client = await CstaTestClient.ConnectAsync(_server.LocalEndPoint);
        await client.SendAsync(1, w => CstaXmlEncoder.WriteMonitorStart(w, CstaDialectFlavour.DmccEd3, "7001"));
        var early = await client.ExpectResponseAsync<CstaErrorResponse>(1);
        Assert.Equal(("operation", "generic"), (early.Category, early.Value));

        await client.SendAsync(2, w => CstaXmlEncoder.WriteStartApplicationSession(w, "test", Priv7, 60));
        var started = await client.ExpectResponseAsync<CstaStartApplicationSessionPosResponse>(2);
        Assert.Equal((60, Priv7, CstaNamespaces.ApplicationSession), (started.ActualSessionDuration, started.ActualProtocolVersion, started.Namespace));

        await client.SendAsync(3, w => CstaXmlEncoder.WriteResetApplicationSessionTimer(w, "not-" + started.SessionId, 60));
        var wrong = await client.ExpectResponseAsync<CstaApplicationSessionResponse>(3);
        Assert.Equal((false, "definedError: invalidSessionID"), (wrong.IsPositive, wrong.ErrorCode));

        _clock.Advance(TimeSpan.FromSeconds(59));
        await client.SendAsync(4, w => CstaXmlEncoder.WriteMonitorStart(w, CstaDialectFlavour.DmccEd3, "7001"));
        Assert.IsType<CstaMonitorStartResponse>((await client.ExpectAsync()).Message);
        Assert.Equal(0, _server.SessionsExpired);

        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await ClosedAsync(client), "the simulator closes the link when the session expires");
        Assert.Equal(1, _server.SessionsExpired);
    }

    [Fact]
    public async Task RefusedSessionIsAHardwareErrorAndTheLinkNeverComesUp()
    {
        _server.RefuseSessions = true;
        StartLink(Session());
        // The hardware error is raised while the start-up fails; the link notes its last failure just after: wait for both.
        await EventuallyAsync(() => _errors.Count >= 1 && _link!.LastConnectFailure is not null, "the refusal is reported and noted as the link's last failure");
        var error = _errors[0];
        Assert.Equal(("session-refused", "StartApplicationSessionNegResponse"), (error.Cause, error.Element));
        Assert.Contains("definedError: invalidApplicationInfo", error.Detail, StringComparison.Ordinal);
        Assert.Contains("StartApplicationSession refused by the switch", _link!.LastConnectFailure, StringComparison.Ordinal);
        Assert.Equal(LinkState.Down, _link.State);
        Assert.Empty(_states);
    }

    [Fact]
    public async Task AnUnsupportedProtocolVersionIsRefusedByName()
    {
        StartLink(Session() with { ProtocolVersion = "http://www.ecma-international.org/standards/ecma-323/csta/ed3/priv5" });
        await EventuallyAsync(() => _errors.Count >= 1, "the refusal is reported");
        Assert.Contains("definedError: requestedProtocolVersionNotSupported", _errors[0].Detail, StringComparison.Ordinal);
        Assert.Contains("ed3/priv5", _errors[0].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StoppingTheLinkStopsTheApplicationSession()
    {
        StartLink(Session());
        await EventuallyAsync(() => _link!.State == LinkState.Up, "the link is up");
        await _stop.CancelAsync();
        await _run.WaitAsync(Deadline, TestContext.Current.CancellationToken);
        Assert.Equal(1, _server.SessionsStopped);
        Assert.Equal(LinkState.Down, _link!.State);
    }

    [Fact]
    public async Task AgentStateIsPolledBecauseThisSwitchReportsNoAgentEvents()
    {
        StartLink(Session());
        await EventuallyAsync(() => _link!.State == LinkState.Up, "the link is up");
        var monitor = await _link!.SendRequestAsync(w => CstaXmlEncoder.WriteMonitorStart(w, CstaDialectFlavour.DmccEd3, "5001"), TestContext.Current.CancellationToken);
        Assert.IsType<CstaMonitorStartResponse>(await ResponseAsync(monitor));

        var set = await _link.SendRequestAsync(w => CstaXmlEncoder.WriteSetAgentState(w, CstaDialectFlavour.DmccEd3, "5001", "notReady"), TestContext.Current.CancellationToken);
        Assert.Equal("SetAgentStateResponse", Assert.IsType<CstaAcknowledgement>(await ResponseAsync(set)).Element);

        // No AgentNotReadyEvent comes between: the next frame is the answer to GetAgentState.
        var get = await _link.SendRequestAsync(w => CstaXmlEncoder.WriteGetAgentState(w, CstaDialectFlavour.DmccEd3, "5001"), TestContext.Current.CancellationToken);
        var state = Assert.IsType<CstaGetAgentStateResponse>(await ResponseAsync(get));
        Assert.Equal([new CstaAgentStateEntry("A5001", true, "agentNotReady", "4001")], state.Agents);
    }

    [Fact]
    public async Task RequestAsyncReturnsTheAnswerToItsCallerNotToMessages()
    {
        StartLink(Session());
        await EventuallyAsync(() => _link!.State == LinkState.Up, "the link is up");
        var ct = TestContext.Current.CancellationToken;
        var started = await _link!.RequestAsync(w => CstaXmlEncoder.WriteMonitorStart(w, CstaDialectFlavour.DmccEd3, "7001"), TimeSpan.FromSeconds(10), ct);
        Assert.IsType<CstaMonitorStartResponse>(started);
        var refused = Assert.IsType<CstaErrorResponse>(
            await _link.RequestAsync(w => CstaXmlEncoder.WriteMakeCall(w, CstaDialectFlavour.DmccEd3, "4001", "7002"), TimeSpan.FromSeconds(10), ct));
        Assert.Equal(("operation", "invalidCallingDeviceID"), (refused.Category, refused.Value));
        Assert.Equal(0, _link.PendingRequests);

        // Both answers went to their callers: the next message on the channel answers a plain SendRequestAsync.
        var plain = await _link.SendRequestAsync(w => CstaXmlEncoder.WriteMonitorStart(w, CstaDialectFlavour.DmccEd3, "7003"), ct);
        Assert.IsType<CstaMonitorStartResponse>(await ResponseAsync(plain));
    }

    [Fact]
    public async Task ConsultationThenConferenceAnswersDecodeIntoTypedResponses()
    {
        StartLink(Session());
        await EventuallyAsync(() => _link!.State == LinkState.Up, "the link is up");
        var ct = TestContext.Current.CancellationToken;
        var timeout = TimeSpan.FromSeconds(10);
        const CstaDialectFlavour dmcc = CstaDialectFlavour.DmccEd3;
        var a = Assert.IsType<CstaMakeCallResponse>(await _link!.RequestAsync(w => CstaXmlEncoder.WriteMakeCall(w, dmcc, "7001", "7002"), timeout, ct)).CallingDevice;
        Assert.IsType<CstaAcknowledgement>(await _link.RequestAsync(w => CstaXmlEncoder.WriteAnswerCall(w, dmcc, a with { DeviceId = "7002" }), timeout, ct));
        var consult = Assert.IsType<CstaConsultationCallResponse>(await _link.RequestAsync(w => CstaXmlEncoder.WriteConsultationCall(w, dmcc, a, "7003"), timeout, ct));
        Assert.Equal("7001", consult.InitiatedCall.DeviceId);
        Assert.NotEqual(a.CallId, consult.InitiatedCall.CallId);
        Assert.IsType<CstaAcknowledgement>(await _link.RequestAsync(w => CstaXmlEncoder.WriteAnswerCall(w, dmcc, consult.InitiatedCall with { DeviceId = "7003" }), timeout, ct));

        var conference = Assert.IsType<CstaConferenceCallResponse>(
            await _link.RequestAsync(w => CstaXmlEncoder.WriteConferenceCall(w, dmcc, a, consult.InitiatedCall), timeout, ct));
        Assert.Equal("7001", conference.ConferenceCall.DeviceId);
        Assert.Equal(["7001", "7002", "7003"], conference.Connections.Select(i => i.Endpoint!));
        Assert.All(conference.Connections, i => Assert.Equal(conference.ConferenceCall.CallId, i.NewConnection!.Value.CallId));
        Assert.Equal([a, a with { DeviceId = "7002" }, consult.InitiatedCall with { DeviceId = "7003" }], conference.Connections.Select(i => i.OldConnection!.Value));
    }

    [Fact]
    public async Task AgentStatePollerReportsChangesTheSwitchDoesNotSendAsEvents()
    {
        StartLink(Session());
        await EventuallyAsync(() => _link!.State == LinkState.Up, "the link is up");
        var ct = TestContext.Current.CancellationToken;
        var poller = AgentStatePoller.ForLink(_link!, CstaDialectFlavour.DmccEd3, ["5001", "5002", "5021"], TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(10), _clock);

        var first = await poller.PollOnceAsync(ct);
        Assert.Equal(
            [("5001", CstaAgentEventType.AgentLoggedOn), ("5002", CstaAgentEventType.AgentLoggedOn)],
            first.Select(c => (c.Device, c.EventType!.Value)));
        Assert.Equal(new CstaAgentStateEntry("A5001", true, "agentReady", "4001"), poller.StateOf("5001"));
        Assert.Null(poller.StateOf("5021"));

        _server.Invoke(m => m.SetAgentState("5002", "notReady"));
        _server.Invoke(m => m.SetAgentState("5001", "loggedOff"));
        var second = await poller.PollOnceAsync(ct);
        Assert.Equal(
            [("5001", CstaAgentEventType.AgentLoggedOff, "agentReady", "agentNull"), ("5002", CstaAgentEventType.AgentNotReady, "agentReady", "agentNotReady")],
            second.Select(c => (c.Device, c.EventType!.Value, c.Previous!.AgentState!, c.Current!.AgentState!)));
        Assert.Empty(await poller.PollOnceAsync(ct));
        Assert.Equal((3, 0), (poller.Rounds, poller.Failures));
    }

    [Fact]
    public async Task AgentStatePollerRunsEveryIntervalInVirtualTime()
    {
        StartLink(Session());
        await EventuallyAsync(() => _link!.State == LinkState.Up, "the link is up");
        var poller = AgentStatePoller.ForLink(_link!, CstaDialectFlavour.DmccEd3, ["5003"], TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(10), _clock);
        var changes = new List<AgentStateChange>();
        poller.Changed += c =>
        {
            lock (changes)
            {
                changes.Add(c);
            }
        };
        using var stop = new CancellationTokenSource();
        var run = poller.RunAsync(stop.Token);
        await EventuallyAsync(() => poller.Rounds == 1, "the first round");
        _server.Invoke(m => m.SetAgentState("5003", "workingAfterCall"));
        _clock.Advance(TimeSpan.FromSeconds(14));
        Assert.Equal(1, poller.Rounds);
        _clock.Advance(TimeSpan.FromSeconds(1));
        await EventuallyAsync(() => poller.Rounds == 2, "the second round at 15 s");
        lock (changes)
        {
            Assert.Equal([CstaAgentEventType.AgentLoggedOn, CstaAgentEventType.AgentWorkingAfterCall], changes.Select(c => c.EventType!.Value));
        }

        await stop.CancelAsync();
        await run.WaitAsync(Deadline, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _run.WaitAsync(Deadline);
        }
        finally
        {
            await _server.DisposeAsync();
            _stop.Dispose();
        }
    }

    private static CstaApplicationSessionOptions Session() => new()
    {
        ApplicationId = "CtiGateway-test",
        ProtocolVersion = Priv7,
        RequestedDuration = TimeSpan.FromSeconds(80),
        CleanupDelay = TimeSpan.FromSeconds(80),
        ResetAt = 0.5,
        UserName = "cti",
        Password = "secret",
    };

    private static string ProfilePath(string file)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "firmware-profiles", file);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"firmware-profiles/{file} not found above {AppContext.BaseDirectory}");
    }

    private void StartLink(CstaApplicationSessionOptions session)
    {
        _link = new CstaTcpLink(
            new TcpClientTransport("127.0.0.1", _server.LocalEndPoint.Port),
            new CstaTcpLinkOptions
            {
                Name = "tel_sw_1/1",
                Flavour = CstaDialectFlavour.DmccEd3,
                KeepAliveInterval = TimeSpan.Zero,
                TimeProvider = _clock,
                ApplicationSession = session,

                // AdvanceUntilAsync moves virtual time 1 s per 20 ms while a reconnect starts its session: 10 s of start-up
                // window (the session's former response timeout) keeps the real-time margin for the simulator's answer.
                StartupTimeout = TimeSpan.FromSeconds(10),
                ReconnectPolicyFactory = () => new ReconnectPolicy(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), 2.0, 0, TimeSpan.FromHours(1)),
            });
        _link.StateChanged += change =>
        {
            lock (_states)
            {
                _states.Add(change);
            }
        };
        _link.HardwareError += record =>
        {
            lock (_errors)
            {
                _errors.Add(record);
            }
        };
        _run = _link.RunAsync(_stop.Token);
    }

    /// <summary>True when the peer closed the connection (FIN or RST) before sending another frame.</summary>
    private static async Task<bool> ClosedAsync(CstaTestClient client)
    {
        try
        {
            return await client.ReceiveAsync() is null;
        }
        catch (IOException)
        {
            return true;
        }
    }

    private async Task<CstaLinkMessage> NextAsync() => await _link!.Messages.ReadAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(Deadline);

    private async Task<CstaMessage> ResponseAsync(int invokeId)
    {
        var message = await NextAsync();
        Assert.Equal(invokeId, message.InvokeId);
        return message.Message;
    }

    private static async Task EventuallyAsync(Func<bool> condition, string what)
    {
        var until = DateTime.UtcNow + Deadline;
        while (!condition())
        {
            if (DateTime.UtcNow > until)
            {
                Assert.Fail($"Timed out waiting for: {what}");
            }

            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Moves virtual time on one second at a time (reconnect backoff) until the condition holds.</summary>
    private async Task AdvanceUntilAsync(Func<bool> condition, string what)
    {
        var until = DateTime.UtcNow + Deadline;
        while (!condition())
        {
            if (DateTime.UtcNow > until)
            {
                Assert.Fail($"Timed out waiting for: {what}");
            }

            _clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }
}
