using CtiGateway.Protocol;
using static CtiGateway.Testing.CallModels.AgentRequests;

namespace CtiGateway.CallModel.Tests;

/// <summary>
/// The agent state machine of the call model: soft agents (answered at once), the agents the switch keeps
/// (SetAgentState, its answer or its agent event, GetAgentState reports), queue membership, refusals,
/// reservations on the virtual clock, and the RequestQueryAddress answers built from the state.
/// </summary>
public sealed class AgentStateTests
{
    private readonly VirtualTimeProvider _time = new();
    private readonly RecordingSink _sink = new();
    private readonly SwitchCallModel _model;
    private int _referenceId = 10;

    public AgentStateTests()
    {
        var directory = new DnDirectory(
        [
            KeyValuePair.Create("5001", DnKind.Extension),
            KeyValuePair.Create("5002", DnKind.Extension),
            KeyValuePair.Create("5003", DnKind.ACDPosition),
            KeyValuePair.Create("4001", DnKind.ACDQueue),
            KeyValuePair.Create("4002", DnKind.ACDQueue),
            KeyValuePair.Create("3001", DnKind.RoutingPoint),
        ]);
        _model = new SwitchCallModel(directory, new ConnIdGenerator(1), new CallModelOptions { TimeProvider = _time });
    }

    [Fact]
    public void Soft_login_ready_not_ready_after_call_work_and_logout_give_their_events_at_once()
    {
        Assert.True(Ask(Login("5001", "A1", "4001", AgentWorkMode.ManualIn)).IsDone);
        var login = Only(MessageType.EventAgentLogin);
        Assert.Equal("5001", login.ThisDN);
        Assert.Equal("A1", login.GetString(AttributeId.AgentID));
        Assert.Equal("4001", login.GetString(AttributeId.ThisQueue));
        Assert.Equal((int)AgentWorkMode.ManualIn, login.GetInt(AttributeId.AgentWorkMode));
        Assert.Equal(_referenceId, login.ReferenceID);
        var initial = Only(MessageType.EventAgentNotReady);
        Assert.Null(initial.ReferenceID);
        Assert.Equal("A1", initial.GetString(AttributeId.AgentID));
        Assert.Equal(AgentState.NotReady, _model.AgentAt("5001")!.State);

        _sink.Clear();
        Assert.True(Ask(Agent(MessageType.RequestAgentReady, "5001", AgentWorkMode.ManualIn)).IsDone);
        var ready = Only(MessageType.EventAgentReady);
        Assert.Equal(_referenceId, ready.ReferenceID);
        Assert.Equal("4001", ready.GetString(AttributeId.ThisQueue));
        Assert.Equal(AgentState.Ready, _model.AgentAt("5001")!.State);

        _sink.Clear();
        var notReady = Agent(MessageType.RequestAgentNotReady, "5001", AgentWorkMode.AuxWork);
        notReady.Reasons = new KeyValueList().Add("ReasonCode", "Break");
        Assert.True(Ask(notReady).IsDone);
        var aux = Only(MessageType.EventAgentNotReady);
        Assert.Equal((int)AgentWorkMode.AuxWork, aux.GetInt(AttributeId.AgentWorkMode));
        Assert.Equal("Break", aux.Reasons!.TryGetValue("ReasonCode", out var reason) ? reason.AsString() : null);
        Assert.Equal(AgentState.NotReady, _model.AgentAt("5001")!.State);

        _sink.Clear();
        Assert.True(Ask(Agent(MessageType.RequestAgentNotReady, "5001", AgentWorkMode.AfterCallWork)).IsDone);
        Assert.Equal((int)AgentWorkMode.AfterCallWork, Only(MessageType.EventAgentNotReady).GetInt(AttributeId.AgentWorkMode));
        Assert.Equal(AgentState.AfterCallWork, _model.AgentAt("5001")!.State);

        _sink.Clear();
        Assert.True(Ask(Agent(MessageType.RequestAgentLogout, "5001")).IsDone);
        var logout = Only(MessageType.EventAgentLogout);
        Assert.Equal("A1", logout.GetString(AttributeId.AgentID));
        Assert.Equal("4001", logout.GetString(AttributeId.ThisQueue));
        Assert.Null(_model.AgentAt("5001"));
        Assert.Equal(0, _model.AgentCount);
    }

    [Fact]
    public void Leaving_one_queue_of_two_is_EventQueueLogout_and_the_last_is_EventAgentLogout()
    {
        Ask(Login("5001", "A1", "4001"));
        Ask(Login("5001", "A1", "4002"));
        Assert.Equal(["4001", "4002"], _model.AgentAt("5001")!.Queues);
        Assert.Equal(1, AddressInfo("4002", AddressInfoType.NumberOfAgentsInQueue).GetInt(AttributeId.AddressInfoStatus));
        _sink.Clear();

        var leave = Agent(MessageType.RequestAgentLogout, "5001");
        leave.Set(AttributeId.ThisQueue, "4001");
        Assert.True(Ask(leave).IsDone);
        var queueLogout = Only(MessageType.EventQueueLogout);
        Assert.Equal("4001", queueLogout.GetString(AttributeId.ThisQueue));
        Assert.Equal(_referenceId, queueLogout.ReferenceID);
        Assert.Equal(["4002"], _model.AgentAt("5001")!.Queues);
        Assert.Equal(0, AddressInfo("4001", AddressInfoType.NumberOfAgentsInQueue).GetInt(AttributeId.AddressInfoStatus));

        _sink.Clear();
        Assert.True(Ask(Agent(MessageType.RequestAgentLogout, "5001")).IsDone);
        Assert.Equal("4002", Only(MessageType.EventAgentLogout).GetString(AttributeId.ThisQueue));
        Assert.Equal(0, AddressInfo("4002", AddressInfoType.NumberOfAgentsInQueue).GetInt(AttributeId.AddressInfoStatus));
    }

    [Fact]
    public void A_second_login_of_the_same_agent_on_its_DN_is_answered_without_a_state_change()
    {
        Ask(Login("5001", "A1", "4001"));
        Ask(Agent(MessageType.RequestAgentReady, "5001"));
        _sink.Clear();
        Assert.True(Ask(Login("5001", "A1", "4001")).IsDone);
        Assert.Equal([MessageType.EventAgentLogin], _sink.Events.Select(e => e.Event.Type));
        Assert.Equal(AgentState.Ready, _model.AgentAt("5001")!.State);
    }

    [Theory]
    [InlineData("second agent on the DN", ErrorCode.TERR_SOFT_AGENT_ALREADY_LOGGED_IN, "already has agent A1")]
    [InlineData("same agent on a second DN", ErrorCode.TERR_SOFT_AGENT_ID_IN_USE, "already logged in at DN 5001")]
    [InlineData("ready with no agent", ErrorCode.TERR_SOFT_AGENT_NOT_LOGGED_IN, "no agent is logged in at DN 5002")]
    [InlineData("wrong agent id", ErrorCode.TERR_SOFT_AGENT_WRONG_ID, "agent A9 is not the agent logged in at DN 5001")]
    [InlineData("no agent id", ErrorCode.TERR_INVALID_ATTR, "Missing attribute AgentID")]
    [InlineData("bad work mode", ErrorCode.TERR_INVALID_ATTR, "Invalid attribute AgentWorkMode: 42")]
    [InlineData("queue that is no queue", ErrorCode.TERR_INVALID_ATTR, "5002 is not an ACD queue")]
    [InlineData("login at a routing point", ErrorCode.TERR_INVALID_ATTR, "DN 3001 is an RoutingPoint")]
    [InlineData("logout of a queue it is not in", ErrorCode.TERR_INVALID_ATTR, "not logged in to queue 4002")]
    public void Refusals_name_what_was_wrong(string what, ErrorCode code, string text)
    {
        Ask(Login("5001", "A1", "4001"));
        _sink.Clear();
        var request = what switch
        {
            "second agent on the DN" => Login("5001", "A2", "4001"),
            "same agent on a second DN" => Login("5002", "A1", "4001"),
            "ready with no agent" => Agent(MessageType.RequestAgentReady, "5002"),
            "wrong agent id" => WithAgentId(Agent(MessageType.RequestAgentReady, "5001"), "A9"),
            "no agent id" => Agent(MessageType.RequestAgentLogin, "5002"),
            "bad work mode" => Agent(MessageType.RequestAgentNotReady, "5001", (AgentWorkMode)42),
            "queue that is no queue" => Login("5002", "A2", "5002"),
            "login at a routing point" => Login("3001", "A2", "4001"),
            _ => WithQueue(Agent(MessageType.RequestAgentLogout, "5001"), "4002"),
        };
        var plan = Ask(request);
        Assert.True(plan.IsRefused, what);
        Assert.Equal(code, plan.Error);
        Assert.Contains(text, plan.Message, StringComparison.Ordinal);
        Assert.Empty(_sink.Events);
        Assert.Equal("A1", _model.AgentAt("5001")!.AgentId);
    }

    [Fact]
    public void A_reservation_holds_until_its_timeout_and_a_second_one_meanwhile_gets_1700()
    {
        _model.DeclareAgent("A1", "5001", "4001", ready: true);
        var reserve = new TlibMessage(MessageType.RequestReserveAgent) { ThisDN = "5001" };
        reserve.Set(AttributeId.Timeout, 5000);
        reserve.Set(AttributeId.Place, "Place_5001");
        var reserved = _model.ReserveAgent(reserve, _sink, out _);
        Assert.NotNull(reserved);
        Assert.Equal(MessageType.EventAgentReserved, reserved.Type);
        Assert.Equal("A1", reserved.GetString(AttributeId.AgentID));
        Assert.Equal("Place_5001", reserved.GetString(AttributeId.Place));
        Assert.Equal(5000, reserved.GetInt(AttributeId.Timeout));
        Assert.Equal(MessageType.EventAgentReserved, Assert.Single(_sink.For("5001")).Type);
        Assert.True(_model.AgentAt("5001")!.Reserved);

        _time.Advance(TimeSpan.FromMilliseconds(4999));
        var byId = new TlibMessage(MessageType.RequestReserveAgent);
        byId.Set(AttributeId.AgentID, "A1");
        Assert.Null(_model.ReserveAgent(byId, _sink, out var refusal));
        Assert.Equal(ErrorCode.TERR_AGENT_ALREADY_RESERVED, refusal.Error);
        Assert.Contains("already reserved for another 1 ms", refusal.Message, StringComparison.Ordinal);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.False(_model.AgentAt("5001")!.Reserved);
        Assert.NotNull(_model.ReserveAgent(byId, _sink, out _));
        Assert.Equal(SwitchCallModel.DefaultReservationMs, _sink.For("5001")[^1].GetInt(AttributeId.Timeout));
    }

    [Theory]
    [InlineData(0, ErrorCode.TERR_INVALID_ATTR, "Invalid attribute Timeout: 0 ms")]
    [InlineData(-1, ErrorCode.TERR_SOFT_AGENT_NOT_LOGGED_IN, "no agent is logged in at DN 5002")]
    public void Bad_reservations_are_refused(int timeout, ErrorCode code, string text)
    {
        _model.DeclareAgent("A1", "5001", null, ready: false);
        var reserve = new TlibMessage(MessageType.RequestReserveAgent) { ThisDN = timeout < 0 ? "5002" : "5001" };
        if (timeout >= 0)
        {
            reserve.Set(AttributeId.Timeout, timeout);
        }

        Assert.Null(_model.ReserveAgent(reserve, _sink, out var refusal));
        Assert.Equal(code, refusal.Error);
        Assert.Contains(text, refusal.Message, StringComparison.Ordinal);
        Assert.Empty(_sink.Events);
    }

    [Fact]
    public void Queries_are_answered_from_the_agent_and_queue_state()
    {
        _model.DeclareAgent("A1", "5001", "4001", ready: true);
        _model.DeclareAgent("A2", "5002", "4001", ready: false);

        var dnStatus = AddressInfo("5001", AddressInfoType.DNStatus);
        Assert.Equal((int)AddressStatusInfoType.Idle, dnStatus.GetInt(AttributeId.AddressInfoStatus));
        Assert.Equal("idle", dnStatus.Extensions!.TryGetValue("status", out var s) ? s.AsString() : null);
        Assert.Equal("A1", dnStatus.GetString(AttributeId.AgentID));

        var agent = AddressInfo("5002", AddressInfoType.AgentStatus);
        Assert.Equal((int)MessageType.EventAgentNotReady, agent.GetInt(AttributeId.AddressInfoStatus));
        Assert.Equal("not-ready", agent.Extensions!.TryGetValue("agent-state", out var state) ? state.AsString() : null);
        Assert.Equal("4001", agent.Extensions!.TryGetValue("queues", out var queues) ? queues.AsString() : null);
        Assert.Equal((int)MessageType.EventAgentLogout, AddressInfo("5003", AddressInfoType.AgentStatus).GetInt(AttributeId.AddressInfoStatus));

        var queue = AddressInfo("4001", AddressInfoType.QueueStatus);
        Assert.Equal(0, queue.GetInt(AttributeId.AddressInfoStatus));
        Assert.Equal(2, queue.Extensions!.TryGetValue("agents-logged-in", out var n) ? n.AsInt() : -1);
        Assert.Equal(1, queue.Extensions!.TryGetValue("agents-ready", out var r) ? r.AsInt() : -1);
        Assert.Equal(1, AddressInfo("4001", AddressInfoType.NumberOfAvailableAgentsInQueue).GetInt(AttributeId.AddressInfoStatus));

        var calls = AddressInfo("5002", AddressInfoType.CallsQuery);
        Assert.Equal(0, calls.GetInt(AttributeId.AddressInfoStatus));
        Assert.Null(calls.ConnID);

        Assert.Null(_model.QueryAddress(Query("5001", AddressInfoType.QueueStatus), out var notQueue));
        Assert.Equal(ErrorCode.TERR_INVALID_ATTR, notQueue.Error);
        Assert.Null(_model.QueryAddress(Query("5001", AddressInfoType.MessageWaitingStatus), out var unsupported));
        Assert.Equal(ErrorCode.TERR_UNSUP_OPER, unsupported.Error);
        Assert.Null(_model.QueryAddress(Query("9999", AddressInfoType.DNStatus), out var unknown));
        Assert.Equal(ErrorCode.TERR_NOT_CONFIGURED, unknown.Error);
    }

    [Fact]
    public void Calls_at_a_DN_and_waiting_in_a_queue_show_in_the_answers()
    {
        var rig = new SwitchRig();
        rig.Run(s => s.MakeCall("5001", "5002"));
        rig.Run(s => s.MakeCall("5003", "4001"));
        var model = rig.Model;

        var dialing = model.QueryAddress(Query("5001", AddressInfoType.DNStatus), out _)!;
        Assert.Equal((int)AddressStatusInfoType.Dialing, dialing.GetInt(AttributeId.AddressInfoStatus));
        Assert.Equal("busy", dialing.Extensions!.TryGetValue("status", out var s) ? s.AsString() : null);
        Assert.Equal((int)AddressStatusInfoType.Ringing, model.QueryAddress(Query("5002", AddressInfoType.DNStatus), out _)!.GetInt(AttributeId.AddressInfoStatus));

        var calls = model.QueryAddress(Query("5002", AddressInfoType.CallsQuery), out _)!;
        Assert.Equal(1, calls.GetInt(AttributeId.AddressInfoStatus));
        Assert.Equal(model.CallsOf("5002")[0], calls.ConnID);
        Assert.Equal("ringing", calls.Extensions!.TryGetValue(model.CallsOf("5002")[0].ToString(), out var party) ? party.AsString() : null);

        var queue = model.QueryAddress(Query("4001", AddressInfoType.NumberOfCallsInQueue), out _)!;
        Assert.Equal(1, queue.GetInt(AttributeId.AddressInfoStatus));
    }

    [Fact]
    public void Where_the_switch_keeps_agent_state_a_request_becomes_SetAgentState_and_the_answer_applies_it()
    {
        _model.SwitchKeepsAgentState = true;
        var plan = Ask(Login("5001", "A1", "4001"));
        var command = Assert.IsType<SwitchCommand>(plan.Command);
        Assert.Equal(SwitchCommandKind.SetAgentState, command.Kind);
        Assert.Equal("loggedOn", command.Agent!.RequestedState);
        Assert.Equal("SetAgentState", command.Service);
        Assert.Empty(_sink.Events);
        Assert.Null(_model.AgentAt("5001"));

        _model.NoteAgentCommand(command.Agent, _referenceId);
        _model.CompleteAgentCommand("5001", _sink);
        Assert.Equal(_referenceId, Only(MessageType.EventAgentLogin).ReferenceID);
        Assert.Equal(AgentState.NotReady, _model.AgentAt("5001")!.State);

        // The switch's agent event comes before its answer: the event carries the ReferenceID, the answer adds nothing.
        _sink.Clear();
        var acw = Ask(Agent(MessageType.RequestAgentNotReady, "5001", AgentWorkMode.AfterCallWork)).Command!;
        Assert.Equal("workingAfterCall", acw.Agent!.RequestedState);
        _model.NoteAgentCommand(acw.Agent, _referenceId);
        Assert.NotNull(_model.ApplyAgentReport("5001", "A1", AgentState.AfterCallWork, "4001", _sink));
        _model.CompleteAgentCommand("5001", _sink);
        var ev = Assert.Single(_sink.Events).Event;
        Assert.Equal(MessageType.EventAgentNotReady, ev.Type);
        Assert.Equal(_referenceId, ev.ReferenceID);

        // A refused SetAgentState changes nothing.
        _sink.Clear();
        var ready = Ask(Agent(MessageType.RequestAgentReady, "5001")).Command!;
        _model.NoteAgentCommand(ready.Agent!, _referenceId);
        _model.DropAgentCommand("5001");
        _model.CompleteAgentCommand("5001", _sink);
        Assert.Empty(_sink.Events);
        Assert.Equal(AgentState.AfterCallWork, _model.AgentAt("5001")!.State);
    }

    [Fact]
    public void The_switchs_report_wins_and_a_disagreement_is_described()
    {
        _model.SwitchKeepsAgentState = true;
        _model.DeclareAgent("A1", "5001", "4001", ready: true);
        Assert.Null(_model.ApplyAgentReport("5001", "A1", AgentState.Ready, "4001", _sink));
        Assert.Empty(_sink.Events);

        var notReady = _model.ApplyAgentReport("5001", "A1", AgentState.NotReady, "4001", _sink);
        Assert.Equal("the gateway had agent A1 ready at DN 5001; the switch reports not ready", notReady);
        Assert.Null(Only(MessageType.EventAgentNotReady).ReferenceID);

        _sink.Clear();
        var other = _model.ApplyAgentReport("5001", "A7", AgentState.Ready, null, _sink);
        Assert.Equal("the gateway had agent A1 not ready at DN 5001; the switch reports agent A7", other);
        Assert.Equal([MessageType.EventAgentLogout, MessageType.EventAgentLogin, MessageType.EventAgentReady], _sink.Events.Select(e => e.Event.Type));
        Assert.Equal("A7", _model.AgentAt("5001")!.AgentId);

        _sink.Clear();
        Assert.Equal("the gateway had agent A7 ready at DN 5001; the switch reports no agent logged in", _model.ApplyAgentReport("5001", null, AgentState.LoggedOut, null, _sink));
        Assert.Equal(MessageType.EventAgentLogout, Assert.Single(_sink.Events).Event.Type);
        Assert.Null(_model.ApplyAgentReport("5001", null, AgentState.LoggedOut, null, _sink));
    }

    [Fact]
    public void Declared_agents_are_checked_like_logins()
    {
        _model.DeclareAgent("A1", "5001", "4001", ready: true);
        Assert.Equal(AgentState.Ready, _model.AgentAt("5001")!.State);
        Assert.Contains("agent A1 is already at DN 5001", Assert.Throws<ArgumentException>(() => _model.DeclareAgent("A2", "5001", null, true)).Message, StringComparison.Ordinal);
        Assert.Contains("agent A1 is already at DN 5001", Assert.Throws<ArgumentException>(() => _model.DeclareAgent("A1", "5002", null, true)).Message, StringComparison.Ordinal);
        Assert.Contains("4001 is an ACDQueue", Assert.Throws<ArgumentException>(() => _model.DeclareAgent("A3", "4001", null, true)).Message, StringComparison.Ordinal);
        Assert.Contains("5002 is not an ACD queue", Assert.Throws<ArgumentException>(() => _model.DeclareAgent("A3", "5003", "5002", true)).Message, StringComparison.Ordinal);
        Assert.Equal(1, _model.AgentCount);
    }

    [Fact]
    public void An_agent_is_idle_from_its_last_state_change_or_the_end_of_its_last_call_and_its_calls_are_counted()
    {
        Ask(Login("5001", "A1", "4001"));
        var readyAt = _time.GetUtcNow();
        Ask(Agent(MessageType.RequestAgentReady, "5001"));
        Assert.Equal(readyAt, _model.AgentAt("5001")!.IdleSince);

        // Asking again for the state it is in does not restart its idle time.
        _time.Advance(TimeSpan.FromSeconds(5));
        Ask(Agent(MessageType.RequestAgentReady, "5001"));
        Assert.Equal(readyAt, _model.AgentAt("5001")!.IdleSince);

        _model.Apply(Csta.Delivered("c1", "5001", "0612345678", "5001"), _sink);
        Assert.Equal(1, _model.ActiveCallsAt("5001"));
        _model.Apply(Csta.Established("c1", "5001"), _sink);
        Assert.Equal(1, _model.ActiveCallsAt("5001"));
        Assert.Equal(0, _model.ActiveCallsAt("5002"));

        _time.Advance(TimeSpan.FromSeconds(10));
        var version = _model.AgentVersion;
        _model.Apply(Csta.Cleared("c1", "5001"), _sink);
        Assert.Equal(0, _model.ActiveCallsAt("5001"));
        Assert.Equal(readyAt + TimeSpan.FromSeconds(15), _model.AgentAt("5001")!.IdleSince);
        Assert.Equal(readyAt + TimeSpan.FromSeconds(15), Assert.Single(_model.ListAgents()).IdleSince);
        Assert.True(_model.AgentVersion > version, "the end of the agent's call is a change of the agent (its copy is published again)");

        _time.Advance(TimeSpan.FromSeconds(5));
        Ask(Agent(MessageType.RequestAgentNotReady, "5001"));
        Assert.Equal(readyAt + TimeSpan.FromSeconds(20), _model.AgentAt("5001")!.IdleSince);
    }

    private RequestPlan Ask(TlibMessage request) => _model.PlanRequest(request, ++_referenceId, _sink);

    private TlibMessage Only(MessageType type) => Assert.Single(_sink.Events, e => e.Event.Type == type).Event;

    private TlibMessage AddressInfo(string dn, AddressInfoType type)
    {
        var answer = _model.QueryAddress(Query(dn, type), out var refusal);
        Assert.True(answer is not null, refusal.Message);
        Assert.Equal(MessageType.EventAddressInfo, answer.Type);
        Assert.Equal(dn, answer.ThisDN);
        Assert.Equal((int)type, answer.GetInt(AttributeId.AddressInfoType));
        return answer;
    }

    private static TlibMessage WithAgentId(TlibMessage m, string agentId)
    {
        m.Set(AttributeId.AgentID, agentId);
        return m;
    }

    private static TlibMessage WithQueue(TlibMessage m, string queue)
    {
        m.Set(AttributeId.ThisQueue, queue);
        return m;
    }
}
