using CtiGateway.CallModel;
using CtiGateway.Protocol;
using CtiGateway.Switching.Tests.Calls;
using static CtiGateway.Testing.CallModels.AgentRequests;

namespace CtiGateway.Switching.Tests.Agents;

/// <summary>
/// Issue 10 agents end to end: the PBX simulator (demo plan), the gateway (T-Library server and switch links) and
/// T-Library clients over real sockets on 127.0.0.1. Soft agents on osv-v10 (the profile offers no SetAgentState);
/// a copy of osv-v10 that offers SetAgentState and GetAgentState for the agents the switch keeps.
/// </summary>
public sealed class AgentEndToEndTests
{
    private static readonly TimeSpan Timeout = CallRig.Timeout;

    [Fact]
    public async Task Login_ready_not_ready_with_reasons_after_call_work_and_logout_are_answered_with_their_events()
    {
        await using var rig = await CallRig.StartAsync();
        var desk = await rig.ClientAsync("desk", "5031");

        var login = await AskAsync(desk, Login("5031", "A5031", "4001", AgentWorkMode.ManualIn), MessageType.EventAgentLogin);
        Assert.Equal("A5031", login.GetString(AttributeId.AgentID));
        Assert.Equal("4001", login.GetString(AttributeId.ThisQueue));
        Assert.Equal((int)AgentWorkMode.ManualIn, login.GetInt(AttributeId.AgentWorkMode));
        var initial = await desk.WaitForAsync(m => m.Type == MessageType.EventAgentNotReady, Timeout, "the initial EventAgentNotReady");
        Assert.Null(initial.ReferenceID);

        var ready = await AskAsync(desk, Agent(MessageType.RequestAgentReady, "5031", AgentWorkMode.ManualIn), MessageType.EventAgentReady);
        Assert.Equal("A5031", ready.GetString(AttributeId.AgentID));
        Assert.Equal(1, (await QueryAsync(desk, "4001", AddressInfoType.NumberOfAvailableAgentsInQueue)).GetInt(AttributeId.AddressInfoStatus));

        var notReady = Agent(MessageType.RequestAgentNotReady, "5031", AgentWorkMode.AuxWork);
        notReady.Reasons = new KeyValueList().Add("ReasonCode", "Break");
        var aux = await AskAsync(desk, notReady, MessageType.EventAgentNotReady);
        Assert.Equal((int)AgentWorkMode.AuxWork, aux.GetInt(AttributeId.AgentWorkMode));
        Assert.Equal("Break", aux.Reasons!.TryGetValue("ReasonCode", out var code) ? code.AsString() : null);

        var acw = await AskAsync(desk, Agent(MessageType.RequestAgentNotReady, "5031", AgentWorkMode.AfterCallWork), MessageType.EventAgentNotReady);
        Assert.Equal((int)AgentWorkMode.AfterCallWork, acw.GetInt(AttributeId.AgentWorkMode));
        var status = await QueryAsync(desk, "5031", AddressInfoType.AgentStatus);
        Assert.Equal((int)MessageType.EventAgentNotReady, status.GetInt(AttributeId.AddressInfoStatus));
        Assert.Equal("after-call-work", Text(status, "agent-state"));

        var logout = await AskAsync(desk, Agent(MessageType.RequestAgentLogout, "5031"), MessageType.EventAgentLogout);
        Assert.Equal("A5031", logout.GetString(AttributeId.AgentID));
        Assert.Equal((int)MessageType.EventAgentLogout, (await QueryAsync(desk, "5031", AddressInfoType.AgentStatus)).GetInt(AttributeId.AddressInfoStatus));
        Assert.Null(rig.Service.FindAgent("A5031").Agent);
    }

    [Fact]
    public async Task One_agent_per_DN_and_one_DN_per_agent_are_refused_with_a_clear_EventError()
    {
        await using var rig = await CallRig.StartAsync();
        var desk = await rig.ClientAsync("desk", "5031", "5032");
        await AskAsync(desk, Login("5031", "A5031", "4001"), MessageType.EventAgentLogin);

        var second = await FailAsync(desk, Login("5031", "A5099", "4001"));
        Assert.Equal((int)ErrorCode.TERR_SOFT_AGENT_ALREADY_LOGGED_IN, second.ErrorCode);
        Assert.Contains("DN 5031 already has agent A5031 logged in", second.ErrorMessage, StringComparison.Ordinal);

        var elsewhere = await FailAsync(desk, Login("5032", "A5031", "4001"));
        Assert.Equal((int)ErrorCode.TERR_SOFT_AGENT_ID_IN_USE, elsewhere.ErrorCode);
        Assert.Contains("agent A5031 is already logged in at DN 5031", elsewhere.ErrorMessage, StringComparison.Ordinal);

        var notLoggedIn = await FailAsync(desk, Agent(MessageType.RequestAgentReady, "5032"));
        Assert.Equal((int)ErrorCode.TERR_SOFT_AGENT_NOT_LOGGED_IN, notLoggedIn.ErrorCode);
    }

    [Fact]
    public async Task A_soft_agent_keeps_its_state_across_a_link_outage_and_queries_answer_it()
    {
        await using var rig = await CallRig.StartAsync(editSettings: s => s.Agents = [new SwitchAgentSettings { AgentId = "A5005", Dn = "5005", Queue = "4001" }]);
        var desk = await rig.ClientAsync("desk", "5005");
        Assert.Equal("ready", Text(await QueryAsync(desk, "5005", AddressInfoType.AgentStatus), "agent-state"));

        rig.Simulator.HoldNewLinks = true;
        await rig.Simulator.DisconnectAllAsync();
        await rig.WaitUntilAsync(() => !rig.LinkConnected, "the link reported down");
        await desk.WaitForAsync(m => m.Type == MessageType.EventLinkDisconnected, Timeout, "EventLinkDisconnected");

        // Down: the state is still there, queries answer it, and the soft agent's requests are answered.
        Assert.Equal("ready", Text(await QueryAsync(desk, "5005", AddressInfoType.AgentStatus), "agent-state"));
        await AskAsync(desk, Agent(MessageType.RequestAgentNotReady, "5005", AgentWorkMode.AuxWork), MessageType.EventAgentNotReady);
        Assert.Equal(1, Number(await QueryAsync(desk, "4001", AddressInfoType.QueueStatus), "agents-not-ready"));

        rig.Simulator.HoldNewLinks = false;
        await rig.WaitUntilAsync(() => rig.LinkConnected, "the link back up");
        var status = await QueryAsync(desk, "5005", AddressInfoType.AgentStatus);
        Assert.Equal("not-ready", Text(status, "agent-state"));
        Assert.Equal("A5005", status.GetString(AttributeId.AgentID));
        Assert.Equal(AgentState.NotReady, rig.Service.FindAgent("A5005").Agent!.State);
    }

    [Fact]
    public async Task A_reservation_reaches_the_requester_and_the_agents_DN_times_out_and_a_second_one_gets_1700()
    {
        await using var rig = await CallRig.StartAsync(editSettings: s => s.Agents = [new SwitchAgentSettings { AgentId = "A5006", Dn = "5006", Queue = "4001" }]);
        var desk = await rig.ClientAsync("desk", "5006");
        var router = await rig.ClientAsync("router");

        var reserve = new TlibMessage(MessageType.RequestReserveAgent) { ThisDN = "5006" };
        reserve.Set(AttributeId.Timeout, 1500);
        reserve.Set(AttributeId.Place, "Place_5006");
        var reserved = await AskAsync(router, reserve, MessageType.EventAgentReserved);
        Assert.Equal("A5006", reserved.GetString(AttributeId.AgentID));
        Assert.Equal("Place_5006", reserved.GetString(AttributeId.Place));
        Assert.Equal(1500, reserved.GetInt(AttributeId.Timeout));
        var atDesk = await desk.WaitForAsync(m => m.Type == MessageType.EventAgentReserved, Timeout, "EventAgentReserved on 5006");
        Assert.Equal("A5006", atDesk.GetString(AttributeId.AgentID));

        // By AgentID, while the first holds: 1700.
        var again = new TlibMessage(MessageType.RequestReserveAgent);
        again.Set(AttributeId.AgentID, "A5006");
        again.Set(AttributeId.Timeout, 1000);
        var refused = await FailAsync(router, again);
        Assert.Equal((int)ErrorCode.TERR_AGENT_ALREADY_RESERVED, refused.ErrorCode);
        Assert.Contains("agent A5006 at DN 5006 is already reserved", refused.ErrorMessage, StringComparison.Ordinal);

        // The first reservation ends by itself (the gateway's clock); then a new one is granted.
        var deadline = DateTime.UtcNow + Timeout;
        while (Number(await QueryAsync(router, "5006", AddressInfoType.AgentStatus), "reserved") == 1)
        {
            Assert.True(DateTime.UtcNow < deadline, "the reservation did not end");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        var later = new TlibMessage(MessageType.RequestReserveAgent);
        later.Set(AttributeId.AgentID, "A5006");
        Assert.Equal(SwitchCallModel.DefaultReservationMs, (await AskAsync(router, later, MessageType.EventAgentReserved)).GetInt(AttributeId.Timeout));
    }

    [Fact]
    public async Task A_call_queued_at_4001_is_diverted_to_a_ready_agent_of_the_group_and_every_query_follows_it()
    {
        await using var rig = await CallRig.StartAsync(editSettings: s => s.Agents =
        [
            new SwitchAgentSettings { AgentId = "A5001", Dn = "5001", Queue = "4001", Ready = false },
            new SwitchAgentSettings { AgentId = "A5002", Dn = "5002", Queue = "4001" },
        ]);
        rig.Service.AgentGroups = AgentGroupSettings.ToLookup([new AgentGroupSettings { Name = "DemoAgents", Agents = ["A5001", "A5002", "A5003"] }]);
        var wallboard = await rig.ClientAsync("wallboard", "4001", "5001", "5002");

        var queue = await QueryAsync(wallboard, "4001", AddressInfoType.QueueStatus);
        Assert.Equal(0, queue.GetInt(AttributeId.AddressInfoStatus));
        Assert.Equal(2, Number(queue, "agents-logged-in"));
        Assert.Equal(1, Number(queue, "agents-ready"));
        Assert.Equal(2, (await QueryAsync(wallboard, "4001", AddressInfoType.NumberOfAgentsInQueue)).GetInt(AttributeId.AddressInfoStatus));

        // A caller dials the queue: the switch queues the call there (Queued), until the ACD hands it to an agent.
        var made = rig.Simulator.Invoke(m => m.MakeCall("5050", "4001"));
        Assert.False(made.IsError, made.Reason);
        var queued = await wallboard.WaitForAsync(m => m.Type == MessageType.EventQueued && m.ThisDN == "4001", Timeout, "EventQueued on 4001");
        Assert.Equal(1, (await QueryAsync(wallboard, "4001", AddressInfoType.QueueStatus)).GetInt(AttributeId.AddressInfoStatus));
        Assert.Equal(1, (await QueryAsync(wallboard, "4001", AddressInfoType.NumberOfCallsInQueue)).GetInt(AttributeId.AddressInfoStatus));

        // The group's ready agent, as orchestration will choose it.
        var members = rig.Service.AgentsOfGroup("DemoAgents")!;
        Assert.Equal(["A5001", "A5002", "A5003"], members.Select(a => a.AgentId));
        Assert.Null(members[2].Agent);
        var chosen = Assert.Single(members, a => a.IsReady);
        Assert.Equal(("tel_sw", "5002"), (chosen.Switch, chosen.Agent!.Dn));

        Assert.Equal("5002", rig.Simulator.Invoke(m => m.DistributeQueuedCall("4001", chosen.Agent.Dn)));
        var diverted = await wallboard.WaitForAsync(m => m.Type == MessageType.EventDiverted && m.ThisDN == "4001", Timeout, "EventDiverted on 4001");
        var ringing = await wallboard.WaitForAsync(m => m.Type == MessageType.EventRinging && m.ThisDN == "5002", Timeout, "EventRinging on 5002");
        Assert.Equal(queued.ConnID, diverted.ConnID);
        Assert.Equal(queued.ConnID, ringing.ConnID);
        Assert.Equal("4001", ringing.GetString(AttributeId.ThisQueue));
        Assert.True(IndexOf(wallboard, queued) < IndexOf(wallboard, diverted));

        var dn = await QueryAsync(wallboard, "5002", AddressInfoType.DNStatus);
        Assert.Equal((int)AddressStatusInfoType.Ringing, dn.GetInt(AttributeId.AddressInfoStatus));
        Assert.Equal("busy", Text(dn, "status"));
        Assert.Equal("A5002", Text(dn, "agent-id"));
        Assert.Equal(1, Number(dn, "registered-clients"));
        var calls = await QueryAsync(wallboard, "5002", AddressInfoType.CallsQuery);
        Assert.Equal(1, calls.GetInt(AttributeId.AddressInfoStatus));
        Assert.Equal(ringing.ConnID, calls.ConnID);
        Assert.Equal(0, (await QueryAsync(wallboard, "4001", AddressInfoType.QueueStatus)).GetInt(AttributeId.AddressInfoStatus));
        Assert.Equal((int)MessageType.EventAgentReady, (await QueryAsync(wallboard, "5002", AddressInfoType.AgentStatus)).GetInt(AttributeId.AddressInfoStatus));
    }

    [Fact]
    public async Task Queries_need_no_registration_a_DN_on_no_switch_is_answered_by_the_server_and_bad_ones_are_refused()
    {
        await using var rig = await CallRig.StartAsync();
        var client = await rig.ClientAsync("wallboard");
        var idle = await QueryAsync(client, "5050", AddressInfoType.DNStatus);
        Assert.Equal((int)AddressStatusInfoType.Idle, idle.GetInt(AttributeId.AddressInfoStatus));
        Assert.Equal(0, Number(idle, "calls"));

        var local = await QueryAsync(client, "9999", AddressInfoType.DNStatus);
        Assert.Equal("idle", Text(local, "status"));
        Assert.False(local.Extensions!.TryGetValue("calls", out _));

        var notQueue = await FailAsync(client, Query("5050", AddressInfoType.QueueStatus));
        Assert.Equal((int)ErrorCode.TERR_INVALID_ATTR, notQueue.ErrorCode);
        var unsupported = await FailAsync(client, Query("5050", AddressInfoType.MessageWaitingStatus));
        Assert.Equal((int)ErrorCode.TERR_UNSUP_OPER, unsupported.ErrorCode);
    }

    [Fact]
    public async Task Where_the_switch_keeps_agent_state_requests_go_to_it_and_after_a_reconnect_its_word_wins_with_EventHardwareError()
    {
        AgentViewAtPublish? view = null;
        await using var rig = await CallRig.StartAsync(editProfile: p =>
        {
            var services = p["services"]!.AsArray();
            services.Add("SetAgentState");
            services.Add("GetAgentState");
        }, publisher: server => view = new AgentViewAtPublish(server));
        view!.Service = rig.Service;
        Assert.True(rig.Simulator.Invoke(m => m.AgentStateOf("5040")) is null);
        var desk = await rig.ClientAsync("desk", "5040");

        var login = await AskAsync(desk, Login("5040", "A5040", "4001"), MessageType.EventAgentLogin);
        Assert.Equal("A5040", login.GetString(AttributeId.AgentID));
        await AskAsync(desk, Agent(MessageType.RequestAgentReady, "5040"), MessageType.EventAgentReady);
        Assert.Equal("agentReady", rig.Simulator.Invoke(m => m.AgentStateOf("5040")));

        // Changed at the phone: the switch's agent event becomes EventAgentNotReady without ReferenceID.
        var mark = desk.Count;
        Assert.False(rig.Simulator.Invoke(m => m.SetAgentState("5040", "notReady")).IsError);
        var atPhone = await AfterAsync(desk, mark, MessageType.EventAgentNotReady, "EventAgentNotReady from the switch");
        Assert.Null(atPhone.ReferenceID);

        // While the link is down the switch changes the agent; after the reconnect GetAgentState shows it.
        rig.Simulator.HoldNewLinks = true;
        await rig.Simulator.DisconnectAllAsync();
        await rig.WaitUntilAsync(() => !rig.LinkConnected, "the link reported down");
        var refused = await FailAsync(desk, Agent(MessageType.RequestAgentReady, "5040"));
        Assert.Equal((int)ErrorCode.TERR_NO_SWITCH, refused.ErrorCode);
        Assert.False(rig.Simulator.Invoke(m => m.SetAgentState("5040", "ready")).IsError);
        mark = desk.Count;
        rig.Simulator.HoldNewLinks = false;
        var error = await desk.WaitForAsync(m => m.Type == MessageType.EventHardwareError && m.ThisDN == "5040", Timeout, "EventHardwareError for 5040");
        Assert.Contains("the gateway had agent A5040 not ready at DN 5040; the switch reports ready", error.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal("agent-state-mismatch", Text(error, "cause"));
        await AfterAsync(desk, mark, MessageType.EventAgentReady, "EventAgentReady taken from the switch");
        // A client that has the event finds its state in the gateway's view (the copy orchestration selects from).
        Assert.Equal(AgentState.Ready, rig.Service.FindAgent("A5040").Agent!.State);

        await AskAsync(desk, Agent(MessageType.RequestAgentLogout, "5040"), MessageType.EventAgentLogout);
        Assert.Equal("agentNull", rig.Simulator.Invoke(m => m.AgentStateOf("5040")));
        AssertViewCurrentAtEachEvent(view, "A5040", 4);
    }

    [Fact]
    public async Task Every_agent_event_leaves_the_switch_loop_only_once_the_gateways_view_of_the_agents_shows_it()
    {
        AgentViewAtPublish? view = null;
        await using var rig = await CallRig.StartAsync(publisher: server => view = new AgentViewAtPublish(server));
        view!.Service = rig.Service;
        var desk = await rig.ClientAsync("desk", "5033");

        await AskAsync(desk, Login("5033", "A5033", "4001"), MessageType.EventAgentLogin);
        await AskAsync(desk, Agent(MessageType.RequestAgentReady, "5033", AgentWorkMode.ManualIn), MessageType.EventAgentReady);
        Assert.Equal(AgentState.Ready, rig.Service.FindAgent("A5033").Agent!.State);
        await AskAsync(desk, Agent(MessageType.RequestAgentNotReady, "5033", AgentWorkMode.AuxWork), MessageType.EventAgentNotReady);
        Assert.Equal(AgentState.NotReady, rig.Service.FindAgent("A5033").Agent!.State);
        await AskAsync(desk, Agent(MessageType.RequestAgentReady, "5033", AgentWorkMode.ManualIn), MessageType.EventAgentReady);
        Assert.Equal(AgentState.Ready, rig.Service.FindAgent("A5033").Agent!.State);
        await AskAsync(desk, Agent(MessageType.RequestAgentLogout, "5033"), MessageType.EventAgentLogout);
        Assert.Null(rig.Service.FindAgent("A5033").Agent);

        // Login, its initial not-ready, ready, not ready, ready, logout: each published with the view already showing it.
        AssertViewCurrentAtEachEvent(view, "A5033", 6);
    }

    /// <summary>At each agent event of <paramref name="agentId"/>, the gateway's view (read as the event was published) already showed it.</summary>
    private static void AssertViewCurrentAtEachEvent(AgentViewAtPublish view, string agentId, int atLeast)
    {
        var seen = view.Seen.Where(s => s.AgentId == agentId).ToList();
        Assert.True(seen.Count >= atLeast, $"only {seen.Count} agent events of {agentId} seen: {string.Join(", ", seen)}");
        var stale = seen.Where(s => s.Event switch
        {
            MessageType.EventAgentLogin => s.Seen is null,
            MessageType.EventAgentLogout => s.Seen is not null,
            MessageType.EventAgentReady => s.Seen != AgentState.Ready,
            _ => s.Seen is not (AgentState.NotReady or AgentState.AfterCallWork),
        }).ToList();
        Assert.True(stale.Count == 0, $"agent events published while the gateway's view still had the state before: {string.Join(", ", stale)}");
    }

    private static async Task<TlibMessage> AskAsync(CallClient client, TlibMessage request, MessageType answer)
    {
        var reference = await client.SendAsync(request);
        var reply = await client.WaitForAsync(m => m.ReferenceID == reference, Timeout, $"the answer to {request.Name} (ReferenceID {reference})");
        Assert.True(reply.Type == answer, $"{request.Name} answered {CallClient.Describe(reply)} {reply.ErrorMessage}, expected {answer}");
        return reply;
    }

    private static Task<TlibMessage> FailAsync(CallClient client, TlibMessage request) => AskAsync(client, request, MessageType.EventError);

    private static Task<TlibMessage> QueryAsync(CallClient client, string dn, AddressInfoType type) => AskAsync(client, Query(dn, type), MessageType.EventAddressInfo);

    private static async Task<TlibMessage> AfterAsync(CallClient client, int mark, MessageType type, string what)
    {
        TlibMessage? found = null;
        await client.WaitUntilAsync(log => (found = log.Skip(mark).FirstOrDefault(m => m.Type == type)) is not null, Timeout, what);
        return found!;
    }

    private static string? Text(TlibMessage m, string key) => m.Extensions is { } e && e.TryGetValue(key, out var v) ? v.ToString() : null;

    private static int Number(TlibMessage m, string key) => m.Extensions is { } e && e.TryGetValue(key, out var v) ? v.AsInt() : -1;

    private static int IndexOf(CallClient client, TlibMessage m) => client.Log().ToList().IndexOf(m);
}
