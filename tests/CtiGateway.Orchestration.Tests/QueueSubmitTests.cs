using CtiGateway.Orchestration.Tests.Support;
using CtiGateway.Protocol;
using CtiGateway.Server;

namespace CtiGateway.Orchestration.Tests;

/// <summary>
/// queue:submit end to end: the simulated switch, the gateway's switch layer with soft agents A5001-A5005 in group
/// DemoAgents, the orchestration attached through the in-process seam, and a strategy on route point 3001. A call at
/// 3001 is routed to a ready agent (it rings there) and queue.submit.done carries every field; longest idle first,
/// priority, claims between sessions, timeout in virtual time, route="false" with ixn:redirect, StatAgentLoading.
/// </summary>
public sealed class QueueSubmitTests
{
    private const string Submit = """
        <queue:submit requestid="req" interactionid="ixnid" queue="'VQ_Demo'" timeout="30">
          <queue:targets>
            <queue:target name="'DemoAgents'" type="agentgroup" statserver="'Stat_Server'"/>
          </queue:targets>
        </queue:submit>
        """;

    [Fact]
    public async Task ASubmitToTheAgentGroupRoutesTheCallToAReadyAgentAndDoneCarriesEveryField()
    {
        await using var rig = await QueueRig.StartAsync(QueueRig.Strategy(Submit, afterDone: "linger"), ready: ["5003"]);
        rig.DeliverCall();

        var ringing = await rig.RingingAtAsync("5003");
        await rig.RunUntilAsync(() => !rig.Ended.IsEmpty, "the session to end");
        var session = Assert.Single(rig.Ended.Keys);
        Assert.Equal("routed", rig.Ended[session]);

        var done = rig.EventData(session, "queue.submit.done")!;
        var log = rig.LogOf(session);
        var requestId = Assert.Single(log, l => l.StartsWith("EVENT queue.submit.requestid ", StringComparison.Ordinal));
        Assert.True(log.ToList().IndexOf(requestId) < log.ToList().FindIndex(l => l.StartsWith("EVENT queue.submit.done ", StringComparison.Ordinal)),
            "queue.submit.requestid comes before queue.submit.done");
        Assert.Contains((string)done["requestid"]!, requestId, StringComparison.Ordinal);
        Assert.Equal((string?)done["requestid"], (string?)rig.EventData(session, "queue.submit.requestid")!["requestid"]);
        Assert.Equal("5003@tel_sw.DN", (string?)done["targetselected"]);
        Assert.Equal("VQ_Demo", (string?)done["vqselected"]);
        Assert.Equal("A5003@Stat_Server.A", (string?)done["targetcomponentselected"]);
        Assert.Equal("DemoAgents@Stat_Server.GA", (string?)done["targetobjectselected"]);
        Assert.Equal(ringing.ConnID!.Value.ToString(), (string?)done["interactionid"]);
        var resource = done["resource"]!.AsObject();
        Assert.Equal("A", (string?)resource["type"]);
        Assert.Equal("A5003", (string?)resource["agent"]);
        Assert.Equal("5003", (string?)resource["dn"]);
        Assert.Equal("tel_sw", (string?)resource["switch"]);

        // The orchestration routed the call: the interaction left the session as routed (the T-Server's answer to the
        // route request and the call's events come on their own paths: done may come before or after them).
        var names = rig.EventNames(session);
        Assert.Equal(["interaction.added", "interaction.present", "queue.submit.requestid", "interaction.ondivert", "interaction.notcontrolled"],
            names.Where(n => n is not ("interaction.partystatechanged" or "interaction.partyadded" or "queue.submit.done")).Take(5));
        Assert.Single(names, n => n == "queue.submit.done");
        Assert.Equal("routing", (string?)rig.EventData(session, "interaction.notcontrolled")!["resultof"]);
        Assert.Equal(1, rig.Service.Counters().Routed);
    }

    [Fact]
    public async Task ReadyAgentsAreChosenLongestIdleFirst()
    {
        await using var rig = await QueueRig.StartAsync(QueueRig.Strategy(Submit), ready: []);
        foreach (var dn in new[] { "5004", "5002", "5005" })
        {
            await rig.SetReadyAsync(dn, ready: true);
        }

        foreach (var (expected, count) in new[] { ("5004", 1), ("5002", 2), ("5005", 3) })
        {
            rig.DeliverCall("+49301234560" + count);
            await rig.RingingAtAsync(expected);
            await rig.RunUntilAsync(() => rig.Ended.Count == count, $"session {count} to end");
        }

        Assert.Equal(["5004@tel_sw.DN", "5002@tel_sw.DN", "5005@tel_sw.DN"],
            rig.Sessions().Select(s => (string?)rig.EventData(s, "queue.submit.done")!["targetselected"]));
    }

    [Fact]
    public async Task WhenAgentsAreScarceTheHigherPrioritySubmitIsServedFirst()
    {
        const string submit = """
            <queue:submit requestid="req" interactionid="ixnid" priority="_genesys.ixn.interactions[ixnid].voice.ani == '0611111111' ? 1 : 5" timeout="60">
              <queue:targets>
                <queue:targetid expr="'DemoAgents@Stat_Server.GA'"/>
              </queue:targets>
            </queue:submit>
            """;
        await using var rig = await QueueRig.StartAsync(QueueRig.Strategy(submit), ready: []);
        rig.DeliverCall("0611111111");
        await QueueRig.WaitAsync(() => rig.Service.Queue.WaitingCount == 1, "the low-priority submit waiting");
        rig.DeliverCall("0622222222");
        await QueueRig.WaitAsync(() => rig.Service.Queue.WaitingCount == 2, "both submits waiting");

        await rig.SetReadyAsync("5001", ready: true);
        Assert.Equal("0622222222", (await rig.RingingAtAsync("5001")).GetString(AttributeId.ANI));
        await rig.RunUntilAsync(() => rig.Ended.Count == 1, "the first session to end");
        var first = Assert.Single(rig.Ended.Keys);
        Assert.Equal(1, rig.Service.Queue.WaitingCount);

        await rig.SetReadyAsync("5002", ready: true);
        Assert.Equal("0611111111", (await rig.RingingAtAsync("5002")).GetString(AttributeId.ANI));
        await rig.RunUntilAsync(() => rig.Ended.Count == 2, "the second session to end");
        var second = Assert.Single(rig.Ended.Keys, s => s != first);
        Assert.Equal("5002@tel_sw.DN", (string?)rig.EventData(second, "queue.submit.done")!["targetselected"]);
    }

    [Fact]
    public async Task TwoSessionsNeverGetTheSameAgentAndAClaimHoldsWhileTheCallDoesNotReachIt()
    {
        const string submit = """
            <queue:submit requestid="req" interactionid="ixnid" route="false" timeout="2">
              <queue:targets type="agentgroup">
                <queue:target name="'DemoAgents'"/>
              </queue:targets>
            </queue:submit>
            """;
        // The sessions that get an agent stay (a session's end releases its claims).
        await using var rig = await QueueRig.StartAsync(QueueRig.Strategy(submit, afterDone: "hold"), ready: ["5001", "5002"]);
        for (var i = 0; i < 3; i++)
        {
            rig.DeliverCall("+4930555000" + i);
        }

        await rig.RunUntilAsync(() => rig.Ended.Count == 1 && rig.Events.Count(e => e.Name == "queue.submit.done") == 2, "two done events and a session that ended");
        var done = rig.Sessions().Select(s => rig.EventData(s, "queue.submit.done")).Where(d => d is not null).ToList();
        Assert.Equal(2, done.Count);
        Assert.Equal(["A5001", "A5002"], done.Select(d => (string)d!["resource"]!["agent"]!).Order());

        // The third found both agents claimed (route="false": the calls never reached them) and timed out.
        var failed = Assert.Single(rig.Ended, e => e.Value == "failed").Key;
        var error = rig.EventData(failed, "error.queue.submit")!;
        Assert.Equal("timeout", (string?)error["error"]);
        Assert.Equal("queue:submit: no target of DemoAgents.GA became available within 2 s", (string?)error["description"]);
    }

    [Fact]
    public async Task WithEveryAgentBusyTheSubmitTimesOutAsItsTimeoutSaysInVirtualTime()
    {
        await using var rig = await QueueRig.StartAsync(QueueRig.Strategy(Submit), ready: [], virtualTime: true);
        rig.DeliverCall();
        await QueueRig.WaitAsync(() => rig.Service.Counters().Live == 1, "the session to start");
        var start = rig.Scheduler.Now;
        var wall = DateTime.UtcNow;

        await rig.RunUntilAsync(() => rig.Events.Any(e => e.Name == "error.queue.submit"), "the error event", maxVirtual: TimeSpan.FromMinutes(2));
        var waited = rig.Scheduler.Now - start;
        await rig.RunUntilAsync(() => !rig.Ended.IsEmpty, "the session to end");

        var session = Assert.Single(rig.Ended.Keys);
        Assert.Equal("failed", rig.Ended[session]);
        var error = rig.EventData(session, "error.queue.submit")!;
        Assert.Equal("timeout", (string?)error["error"]);
        Assert.Equal("queue:submit: no target of DemoAgents@Stat_Server.GA became available within 30 s", (string?)error["description"]);
        Assert.NotNull(error["requestid"]);
        Assert.InRange(waited, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(31));
        Assert.True(DateTime.UtcNow - wall < TimeSpan.FromSeconds(25), "30 s of virtual time took less wall time");
        Assert.Equal(0, rig.Service.Queue.WaitingCount);
    }

    [Fact]
    public async Task WithClearOnTimeoutFalseTheSubmitKeepsWaitingAfterItsTimeoutAndAnAgentThatBecomesReadyServesIt()
    {
        const string submit = """
            <queue:submit requestid="req" interactionid="ixnid" timeout="5" clearontimeout="false">
              <queue:targets><queue:targetid expr="'DemoAgents@Stat_Server.GA'"/></queue:targets>
            </queue:submit>
            """;
        const string transitions = """<transition event="error.queue.submit" target="stillwaiting"/>""";
        const string more = """
            <state id="stillwaiting">
              <transition event="queue.submit.done" target="linger">
                <assign location="done" expr="_event.data"/>
              </transition>
            </state>
            """;
        await using var rig = await QueueRig.StartAsync(QueueRig.Strategy(submit, more: more, transitions: transitions), ready: [], virtualTime: true);
        rig.DeliverCall();
        await QueueRig.WaitAsync(() => rig.Service.Counters().Live == 1, "the session to start");
        var start = rig.Scheduler.Now;
        await rig.RunUntilAsync(() => rig.Events.Any(e => e.Name == "error.queue.submit"), "the timeout", maxVirtual: TimeSpan.FromMinutes(1));
        Assert.InRange(rig.Scheduler.Now - start, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(6));
        var session = Assert.Single(rig.Sessions());
        Assert.EndsWith("(clearontimeout=false: the request keeps waiting)", (string?)rig.EventData(session, "error.queue.submit")!["description"], StringComparison.Ordinal);
        Assert.Equal(1, rig.Service.Queue.WaitingCount);

        // The orchestration sees no agent events: the periodic re-check on the sessions' clock finds the agent.
        await rig.SetReadyAsync("5004", ready: true);
        await rig.RunUntilAsync(() => rig.EventData(session, "queue.submit.done") is not null, "the done event", maxVirtual: TimeSpan.FromSeconds(1));
        Assert.Equal("5004@tel_sw.DN", (string?)rig.EventData(session, "queue.submit.done")!["targetselected"]);
        await rig.RingingAtAsync("5004");
        Assert.Equal(0, rig.Service.Queue.WaitingCount);
    }

    [Fact]
    public async Task RouteFalseSelectsOnlyAndTheStrategyRedirectsToTheResource()
    {
        const string submit = """
            <queue:submit requestid="req" interactionid="ixnid" route="false">
              <queue:targets>
                <queue:targetid expr="'A5001@Stat_Server.A, DemoAgents@Stat_Server.GA'"/>
              </queue:targets>
            </queue:submit>
            """;
        const string redirect = """
            <state id="redirect">
              <onentry>
                <ixn:redirect requestid="other" interactionid="ixnid" to="done.resource"/>
              </onentry>
              <transition event="interaction.redirect.done" target="ok"/>
              <transition event="error.interaction.redirect" target="failed"/>
            </state>
            """;
        await using var rig = await QueueRig.StartAsync(QueueRig.Strategy(submit, afterDone: "redirect", more: redirect), ready: ["5002"]);
        rig.DeliverCall();

        await rig.RunUntilAsync(() => !rig.Ended.IsEmpty, "the session to end");
        var session = Assert.Single(rig.Ended.Keys);
        Assert.Equal("ok", rig.Ended[session]);
        await rig.RingingAtAsync("5002");
        var done = rig.EventData(session, "queue.submit.done")!;
        Assert.Equal("5002@tel_sw.DN", (string?)done["targetselected"]);
        Assert.Equal("A5002@Stat_Server.A", (string?)done["targetcomponentselected"]);
        Assert.Equal("DemoAgents@Stat_Server.GA", (string?)done["targetobjectselected"]);
        Assert.Equal(string.Empty, (string?)done["vqselected"]);

        // Nothing was routed before the strategy's redirect: done first, then the call left the route point.
        var names = rig.EventNames(session).ToList();
        Assert.True(names.IndexOf("queue.submit.done") < names.IndexOf("interaction.notcontrolled"), string.Join(", ", names));
        Assert.Equal("routing", (string?)rig.EventData(session, "interaction.notcontrolled")!["resultof"]);
    }

    [Fact]
    public async Task StatAgentLoadingOrdersReadyAgentsByTheCallsAtTheirDns()
    {
        const string submit = """
            <queue:submit requestid="req" interactionid="ixnid" route="false" timeout="10"
                          ordertype="_genesys.ixn.interactions[ixnid].voice.ani == '0611111111' ? 'max' : 'min'" orderstat="'StatAgentLoading'">
              <queue:targets>
                <queue:targetid expr="'A5001.A, A5002.A'"/>
              </queue:targets>
            </queue:submit>
            """;
        await using var rig = await QueueRig.StartAsync(QueueRig.Strategy(submit), ready: ["5001", "5002"]);
        ITargetDirectory directory = rig.Links;
        rig.PlaceAnsweredCall("5050", "5001");
        await QueueRig.WaitAsync(() => directory.CallsAt("5001", QueueRig.Switch) == 1, "the call at 5001 in the gateway's state");
        Assert.Equal(1, directory.FindAgent("A5001")!.Calls);
        Assert.Equal(0, directory.FindAgent("A5002")!.Calls);

        rig.DeliverCall("0611111111");
        await rig.RunUntilAsync(() => rig.Ended.Count == 1, "the max session to end");
        var max = Assert.Single(rig.Ended.Keys);
        Assert.Equal("A5001", (string?)rig.EventData(max, "queue.submit.done")!["resource"]!["agent"]);

        rig.DeliverCall("0622222222");
        await rig.RunUntilAsync(() => rig.Ended.Count == 2, "the min session to end");
        var min = Assert.Single(rig.Ended.Keys, s => s != max);
        Assert.Equal("A5002", (string?)rig.EventData(min, "queue.submit.done")!["resource"]!["agent"]);
    }

    [Fact]
    public async Task AStatisticTheGatewayDoesNotHaveIsAClearError()
    {
        const string submit = """
            <queue:submit requestid="req" interactionid="ixnid" ordertype="'max'" orderstat="'StatServiceFactor'">
              <queue:targets><queue:targetid expr="'DemoAgents@Stat_Server.GA'"/></queue:targets>
            </queue:submit>
            """;
        await using var rig = await QueueRig.StartAsync(QueueRig.Strategy(submit), ready: ["5001"]);
        rig.DeliverCall();

        await rig.RunUntilAsync(() => !rig.Ended.IsEmpty, "the session to end");
        var session = Assert.Single(rig.Ended.Keys);
        Assert.Equal("failed", rig.Ended[session]);
        var error = rig.EventData(session, "error.queue.submit")!;
        Assert.Equal("unsupported", (string?)error["error"]);
        Assert.Contains("statistic StatServiceFactor is not available without a Stat Server", (string?)error["description"], StringComparison.Ordinal);
        Assert.Equal(0, rig.Service.Counters().Routed);
    }

    [Theory]
    [InlineData("'?:English>5@Stat_Server.GA'", "unsupported", "skill expressions (?name:expression) need a Stat Server's skill data")]
    [InlineData("'NoSuchGroup@Stat_Server.GA'", "invaliddestination", "agent group NoSuchGroup is not configured (AgentGroups:NoSuchGroup)")]
    [InlineData("'9999@tel_sw.DN'", "invaliddestination", "9999 is not a DN of the gateway's switches")]
    [InlineData("'Places@Stat_Server.GP'", "unsupported", "place groups (GP) are not available on this platform")]
    [InlineData("'DemoAgents@Stat_Server'", "invalidparameter", "target 'DemoAgents@Stat_Server' has no .TYPE at its end")]
    public async Task TargetsTheGatewayCannotServeGiveAClearErrorEvent(string expr, string error, string description)
    {
        var submit = $"""
            <queue:submit requestid="req" interactionid="ixnid">
              <queue:targets><queue:targetid expr="{expr}"/></queue:targets>
            </queue:submit>
            """;
        await using var rig = await QueueRig.StartAsync(QueueRig.Strategy(submit), ready: ["5001"]);
        rig.DeliverCall();

        await rig.RunUntilAsync(() => !rig.Ended.IsEmpty, "the session to end");
        var session = Assert.Single(rig.Ended.Keys);
        var data = rig.EventData(session, "error.queue.submit")!;
        Assert.Equal(error, (string?)data["error"]);
        Assert.Contains(description, (string?)data["description"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task TargetsOfTypeDnAndQueueAreRoutedToDirectly()
    {
        const string submit = """
            <queue:submit requestid="req" interactionid="ixnid" timeout="10">
              <queue:targets>
                <queue:target name="'5010'" type="dn" statserver="'tel_sw'"/>
              </queue:targets>
            </queue:submit>
            """;
        await using var rig = await QueueRig.StartAsync(QueueRig.Strategy(submit), ready: []);
        await using var observer = await CallClientFor(rig, "5010");
        rig.DeliverCall();

        await rig.RunUntilAsync(() => !rig.Ended.IsEmpty, "the session to end");
        var session = Assert.Single(rig.Ended.Keys);
        Assert.Equal("routed", rig.Ended[session]);
        await observer.WaitForAsync(m => m.Type == MessageType.EventRinging && m.ThisDN == "5010", QueueRig.Timeout, "EventRinging at 5010");
        var done = rig.EventData(session, "queue.submit.done")!;
        Assert.Equal("5010@tel_sw.DN", (string?)done["targetselected"]);
        Assert.Equal("5010@tel_sw.DN", (string?)done["targetcomponentselected"]);
        Assert.Equal("DN", (string?)done["resource"]!["type"]);
    }

    [Fact]
    public async Task AThresholdThatDoesNotHoldPassesToTheNextTargetAndPlacesAreTheAgentsDns()
    {
        const string submit = """
            <queue:submit requestid="req" interactionid="ixnid" route="false" timeout="10">
              <queue:targets>
                <queue:targetid expr="_genesys.ixn.interactions[ixnid].voice.ani == '0611111111'
                    ? '{StatAgentsAvailable>1}DemoAgents@Stat_Server.GA, {StatCallsInQueue&lt;1}4001@tel_sw.Q'
                    : '5002@Stat_Server.AP'"/>
              </queue:targets>
            </queue:submit>
            """;
        await using var rig = await QueueRig.StartAsync(QueueRig.Strategy(submit), ready: ["5002"]);

        // One agent available: the group's threshold (more than one) does not hold; the empty queue's does.
        rig.DeliverCall("0611111111");
        await rig.RunUntilAsync(() => rig.Ended.Count == 1, "the threshold session to end");
        var threshold = Assert.Single(rig.Ended.Keys);
        var done = rig.EventData(threshold, "queue.submit.done")!;
        Assert.Equal("4001@tel_sw.Q", (string?)done["targetselected"]);
        Assert.Equal("4001@tel_sw.Q", (string?)done["targetobjectselected"]);
        Assert.Equal("Q", (string?)done["resource"]!["type"]);

        // The place 5002 is the agent logged in there.
        rig.DeliverCall("0622222222");
        await rig.RunUntilAsync(() => rig.Ended.Count == 2, "the place session to end");
        var place = Assert.Single(rig.Ended.Keys, s => s != threshold);
        done = rig.EventData(place, "queue.submit.done")!;
        Assert.Equal("5002@tel_sw.DN", (string?)done["targetselected"]);
        Assert.Equal("5002@Stat_Server.AP", (string?)done["targetcomponentselected"]);
        Assert.Equal("A5002", (string?)done["resource"]!["agent"]);
    }

    [Fact]
    public async Task QueryReportsTheWaitingSubmitAndCancelTakesItOut()
    {
        const string submit = """
            <queue:submit requestid="req" interactionid="ixnid" priority="3">
              <queue:targets><queue:targetid expr="'DemoAgents@Stat_Server.GA'"/></queue:targets>
            </queue:submit>
            """;
        const string transitions = """
            <transition event="queue.submit.requestid" target="query"/>
            """;
        const string more = """
            <state id="query">
              <onentry><queue:query requestid="req"/></onentry>
              <transition event="queue.query.done" target="cancel">
                <log expr="'QUERY ' + _event.data.priority + ' ' + _event.data.positioninqueue + ' ' + (_event.data.invqwaittime >= 0)"/>
              </transition>
            </state>
            <state id="cancel">
              <onentry><queue:cancel requestid="req"/></onentry>
              <transition event="queue.cancel.done" cond="_event.data.requestid == req" target="again"/>
            </state>
            <state id="again">
              <onentry><queue:cancel requestid="req"/></onentry>
              <transition event="error.queue.cancel" target="ok">
                <log expr="'CANCEL AGAIN ' + _event.data.error + ': ' + _event.data.description"/>
              </transition>
            </state>
            """;
        await using var rig = await QueueRig.StartAsync(QueueRig.Strategy(submit, more: more, transitions: transitions), ready: []);
        rig.DeliverCall();

        await rig.RunUntilAsync(() => !rig.Ended.IsEmpty, "the session to end");
        var session = Assert.Single(rig.Ended.Keys);
        Assert.Equal("ok", rig.Ended[session]);
        var log = rig.LogOf(session);
        Assert.Contains("QUERY 3 1 true", log);
        Assert.Contains(log, l => l.StartsWith("CANCEL AGAIN invalidparameter: queue:cancel (line ", StringComparison.Ordinal) && l.Contains("is waiting (it was served, timed out, cancelled, or never made)", StringComparison.Ordinal));
        Assert.Equal(0, rig.Service.Queue.WaitingCount);
        Assert.Null(rig.EventData(session, "queue.submit.done"));
        Assert.Equal(["queue.submit.requestid", "queue.query.done", "queue.cancel.done", "error.queue.cancel"], rig.EventNames(session).Where(n => n.Contains("queue", StringComparison.Ordinal)));
        Assert.Equal(rig.EventData(session, "queue.submit.requestid")!["requestid"]!.ToString(), rig.EventData(session, "queue.cancel.done")!["requestid"]!.ToString());
    }

    [Fact]
    public async Task WhenTheSessionEndsItsWaitingSubmitsLeaveTheQueue()
    {
        await using var rig = await QueueRig.StartAsync(QueueRig.Strategy(Submit.Replace("timeout=\"30\"", string.Empty, StringComparison.Ordinal)), ready: []);
        rig.DeliverCall();
        await QueueRig.WaitAsync(() => rig.Service.Queue.WaitingCount == 1, "the submit waiting");

        var session = Assert.Single(rig.Sessions());
        Assert.True(rig.Service.KillSession(session));
        await QueueRig.WaitAsync(() => rig.Ended.ContainsKey(session), "the session to end");
        await QueueRig.WaitAsync(() => rig.Service.Queue.WaitingCount == 0, "the submit to leave the queue");

        // An agent that becomes ready now is not taken by the ended session.
        await rig.SetReadyAsync("5001", ready: true);
        Assert.True(((ITargetDirectory)rig.Links).FindAgent("A5001")!.Ready);
        Assert.Null(rig.EventData(session, "queue.submit.done"));
    }

    [Fact]
    public async Task DialogAndSessionActionsAnswerTheirErrorEvents()
    {
        const string actions = """
            <dialog:playsound requestid="req" interactionid="ixnid" resource="'music.wav'"/>
            """;
        const string transitions = """
            <transition event="error.dialog.playsound" target="fetch">
              <log expr="'DIALOG ' + _event.data.error + ' ' + (_event.data.requestid == req) + ': ' + _event.data.description"/>
            </transition>
            """;
        const string more = """
            <state id="fetch">
              <onentry><session:fetch requestid="other" srcexpr="'http://example.invalid/'"/></onentry>
              <transition event="error.session.fetch" target="ok">
                <log expr="'SESSION ' + _event.data.error + ' ' + (_event.data.requestid == other) + ': ' + _event.data.description"/>
              </transition>
            </state>
            """;
        await using var rig = await QueueRig.StartAsync(QueueRig.Strategy(actions, more: more, transitions: transitions), ready: []);
        rig.DeliverCall();

        await rig.RunUntilAsync(() => !rig.Ended.IsEmpty, "the session to end");
        var session = Assert.Single(rig.Ended.Keys);
        Assert.Equal("ok", rig.Ended[session]);
        var log = rig.LogOf(session);
        Assert.Contains(log, l => l.StartsWith("DIALOG unsupported true: dialog:playsound is not supported on this platform", StringComparison.Ordinal));
        Assert.Contains(log, l => l.StartsWith("SESSION unsupported true: session:fetch is not supported on this platform", StringComparison.Ordinal));
    }

    private static async Task<CtiGateway.Switching.Tests.Calls.CallClient> CallClientFor(QueueRig rig, string dn)
    {
        var client = await CtiGateway.Switching.Tests.Calls.CallClient.ConnectAsync(rig.Server.LocalEndPoint!, "observer", QueueRig.Timeout);
        await client.RegisterAsync([dn], QueueRig.Timeout);
        return client;
    }
}
