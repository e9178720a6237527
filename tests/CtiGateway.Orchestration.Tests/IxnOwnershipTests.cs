using CtiGateway.Orchestration.Tests.Support;
using CtiGateway.Protocol;

namespace CtiGateway.Orchestration.Tests;

/// <summary>ixn:detach, associate, attach and pick end to end: who owns the interaction, and the events each side gets.</summary>
public sealed class IxnOwnershipTests
{
    private const string RoutePoint = "3001@tel_sw";

    [Fact]
    public async Task DetachTwiceIsInvalidStateAndAttachBringsTheInteractionBack()
    {
        await using var rig = await OrchestrationRig.StartAsync(new Dictionary<string, string>
        {
            [RoutePoint] = IxnStrategy.Wrap("""
                <state id="act">
                  <onentry><ixn:detach interactionid="ixnid" requestid="reqid"/></onentry>
                  <transition event="interaction.detach.done" cond="_event.data.requestid == reqid" target="again"/>
                  <transition event="error.interaction.detach" target="failed"/>
                </state>
                <state id="again">
                  <onentry><ixn:detach interactionid="ixnid" requestid="reqid"/></onentry>
                  <transition event="error.interaction.detach" cond="_event.data.requestid == reqid &amp;&amp; _event.data.error == 'invalidstate'" target="back"/>
                  <transition event="interaction.detach.done" target="failed"/>
                </state>
                <state id="back">
                  <onentry><ixn:attach interactionid="ixnid" requestid="reqid"/></onentry>
                  <transition event="interaction.attach.done" cond="_event.data.requestid == reqid &amp;&amp; _genesys.ixn.interactions[ixnid] != undefined" target="done"/>
                  <transition event="error.interaction.attach" target="failed"/>
                </state>
                """),
        });

        rig.DeliverCall("3001");
        var session = await IxnTestRun.EndOf(rig);

        Assert.Equal("done", rig.Ended[session]);
        Assert.Equal(
            ["interaction.added", "interaction.present", "interaction.notcontrolled", "interaction.deleted", "interaction.detach.done", "error.interaction.detach",
             "interaction.added", "interaction.present", "interaction.attach.done"],
            rig.EventsOf(session).Select(e => e.Name));
        var error = IxnActionTests.Single(rig.EventsOf(session), "error.interaction.detach");
        Assert.Equal(["requestid", "error", "description"], error.EnumerateObject().Select(p => p.Name));
        Assert.Equal("detaching", IxnActionTests.Single(rig.EventsOf(session), "interaction.notcontrolled").GetProperty("resultof").GetString());
    }

    [Fact]
    public async Task AttachWithUserDataPutsItOnTheCallAndInTheInteraction()
    {
        await using var rig = await OrchestrationRig.StartAsync(new Dictionary<string, string>
        {
            [RoutePoint] = IxnStrategy.Wrap("""
                <state id="act">
                  <onentry><ixn:attach interactionid="ixnid" udata="({ Segment: 'Gold', Tries: 3 })" requestid="reqid"/></onentry>
                  <transition event="interaction.attach.done" cond="_event.data.requestid == reqid" target="bad"/>
                  <transition event="error.interaction.attach" target="failed"/>
                </state>
                <state id="bad">
                  <onentry><ixn:attach interactionid="ixnid" udata="'not an object'" requestid="reqid"/></onentry>
                  <transition event="error.interaction.attach" cond="_event.data.requestid == reqid" target="check"/>
                  <transition event="interaction.attach.done" target="failed"/>
                </state>
                <state id="check">
                  <transition cond="_genesys.ixn.interactions[ixnid].udata.Segment == 'Gold' &amp;&amp; _genesys.ixn.getuData(ixnid).Tries === 3" target="done"/>
                  <transition target="failed"/>
                </state>
                """),
        });

        rig.DeliverCall("3001");
        var session = await IxnTestRun.EndOf(rig);

        Assert.Equal("done", rig.Ended[session]);
        Assert.Equal("invalidparameter", IxnActionTests.Single(rig.EventsOf(session), "error.interaction.attach").GetProperty("error").GetString());
        var calls = await rig.Gateway.CallsAsync();
        var call = Assert.Single(calls, c => c.Call.Parties.Any(p => p.Dn == "3001")).Call;
        Assert.True(call.UserData.TryGetValue("Segment", out var segment));
        Assert.Equal("Gold", segment.AsString());
        Assert.True(call.UserData.TryGetValue("OP-Session-ID", out var owner));
        Assert.Equal(session, owner.AsString());
    }

    [Fact]
    public async Task AssociateMovesTheInteractionToAnotherSessionInSeed001Order()
    {
        const string strategy = """
            <state id="act">
              <transition event="peer">
                <ixn:associate interactionid="ixnid" sessionid="_event.data.sessionid" requestid="reqid"/>
              </transition>
              <transition event="interaction.associate.done" cond="_event.data.requestid == reqid" target="done"/>
              <transition event="error.interaction.associate" cond="_event.data.requestid == reqid &amp;&amp; _event.data.error == 'invalidsession'"/>
              <transition event="interaction.present" cond="_event.data.interactionid != ixnid &amp;&amp; _genesys.ixn.interactions[_event.data.interactionid] != undefined" target="done"/>
            </state>
            """;
        await using var rig = await OrchestrationRig.StartAsync(new Dictionary<string, string> { [RoutePoint] = IxnStrategy.Wrap(strategy) });

        rig.DeliverCall("3001");
        await rig.RunUntilAsync(() => rig.Events.Select(e => e.Session).Distinct().Count() == 1 && rig.Events.Any(e => e.Name == "interaction.present"), "the first session");
        rig.DeliverCall("3001", "+4930999999");
        await rig.RunUntilAsync(() => rig.Events.Where(e => e.Name == "interaction.present").Select(e => e.Session).Distinct().Count() == 2, "the second session");
        var sessions = rig.Events.Select(e => e.Session).Distinct().ToList();
        var (from, to) = (sessions[0], sessions[1]);

        // An unknown session first: invalidsession.
        Assert.True(rig.Service.SendToSession(from, "peer", """{"sessionid":"no-such-session"}"""));
        await rig.RunUntilAsync(() => rig.EventsOf(from).Any(e => e.Name == "error.interaction.associate"), "the associate error", TimeSpan.FromMinutes(1));
        Assert.Equal("invalidsession", IxnActionTests.Single(rig.EventsOf(from), "error.interaction.associate").GetProperty("error").GetString());

        Assert.True(rig.Service.SendToSession(from, "peer", $$"""{"sessionid":"{{to}}"}"""));
        await rig.RunUntilAsync(() => rig.Ended.ContainsKey(from) && rig.Ended.ContainsKey(to), "both sessions to end", TimeSpan.FromMinutes(1));

        Assert.Equal("done", rig.Ended[from]);
        Assert.Equal("done", rig.Ended[to]);
        var moved = rig.EventsOf(from)[1].Data!;
        Assert.Equal(["interaction.added", "interaction.present"], rig.EventsOf(to).Skip(2).Select(e => e.Name));
        Assert.Equal(["interaction.deleted", "interaction.notcontrolled", "interaction.associate.done"], rig.EventsOf(from).SkipWhile(e => e.Name != "interaction.deleted").Select(e => e.Name));
        Assert.Equal(moved, rig.EventsOf(to)[3].Data);
    }

    [Fact]
    public async Task PickTakesADetachedInteractionAndAnUnknownOneIsInvalidState()
    {
        await using var rig = await OrchestrationRig.StartAsync(new Dictionary<string, string>
        {
            [RoutePoint] = IxnStrategy.Wrap("""
                <state id="act">
                  <onentry><ixn:pick interactionid="'0000000000000000'" requestid="reqid"/></onentry>
                  <transition event="error.interaction.pick" cond="_event.data.requestid == reqid &amp;&amp; _event.data.error == 'invalidstate'" target="detach"/>
                  <transition event="interaction.pick.done" target="failed"/>
                </state>
                <state id="detach">
                  <onentry><ixn:detach interactionid="ixnid" requestid="reqid"/></onentry>
                  <transition event="interaction.detach.done" target="pick"/>
                </state>
                <state id="pick">
                  <onentry><ixn:pick interactionid="ixnid" requestid="reqid"/></onentry>
                  <transition event="interaction.pick.done" cond="_event.data.requestid == reqid &amp;&amp; _genesys.ixn.interactions[ixnid] != undefined" target="done"/>
                  <transition event="error.interaction.pick" target="failed"/>
                </state>
                """),
        });

        rig.DeliverCall("3001");
        var session = await IxnTestRun.EndOf(rig);

        Assert.Equal("done", rig.Ended[session]);
        var done = IxnActionTests.Single(rig.EventsOf(session), "interaction.pick.done");
        Assert.Equal(["requestid", "interactionid"], done.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task AnotherRouterTakingTheCallIsRevokingAndTheCallerHangingUpIsDeletionWithAbandoned()
    {
        var idle = IxnStrategy.Wrap("""
            <state id="act">
              <transition event="interaction.deleted" target="gone"/>
            </state>
            <state id="gone">
              <transition event="finish" target="done"/>
            </state>
            """);
        await using var rig = await OrchestrationRig.StartAsync(new Dictionary<string, string> { [RoutePoint] = idle });
        var router = await rig.Gateway.ClientAsync("other-router", "3001");

        rig.DeliverCall("3001");
        var request = await router.WaitForAsync(m => m.Type == MessageType.EventRouteRequest, TimeSpan.FromSeconds(30), "EventRouteRequest at the other router");
        await rig.RunUntilAsync(() => rig.Events.Any(e => e.Name == "interaction.present"), "the session");
        await router.SendAsync(new TlibMessage(MessageType.RequestRouteCall) { ThisDN = "3001", ConnID = request.ConnID, OtherDN = "5003" }.Set(AttributeId.RouteType, (int)RouteType.Default));
        await rig.RunUntilAsync(() => rig.Events.Any(e => e.Name == "interaction.deleted"), "the interaction to leave");
        var first = rig.FirstSession()!;
        Assert.Equal("revoking", IxnActionTests.Single(rig.EventsOf(first), "interaction.notcontrolled").GetProperty("resultof").GetString());
        Assert.False(rig.Ended.ContainsKey(first));

        // Now a caller who hangs up at the route point.
        var callId = rig.DeliverCall("3001", "+4930555555");
        await rig.RunUntilAsync(() => rig.Events.Count(e => e.Name == "interaction.present") == 2, "the second session");
        var second = rig.Events.Last(e => e.Name == "interaction.present").Session;
        await router.WaitForAsync(m => m.Type == MessageType.EventRouteRequest && m.ConnID != request.ConnID, TimeSpan.FromSeconds(30), "the second EventRouteRequest");
        Assert.True(rig.Gateway.Simulator.Invoke(m => m.ExternalPartyHangsUp(callId)));
        await rig.RunUntilAsync(() => rig.EventsOf(second).Any(e => e.Name == "interaction.deleted"), "the abandoned interaction to leave");

        var events = rig.EventsOf(second);
        var abandoned = IxnActionTests.Single(events, "interaction.abandoned");
        Assert.Equal(["interactionid", "focusresource", "reason", "hints"], abandoned.EnumerateObject().Select(p => p.Name));
        Assert.Equal("deletion", IxnActionTests.Single(events, "interaction.notcontrolled").GetProperty("resultof").GetString());
        Assert.Equal(["interaction.abandoned", "interaction.notcontrolled", "interaction.deleted"], events.SkipWhile(e => e.Name != "interaction.abandoned").Select(e => e.Name));

        // Deleting an interaction does not end its session.
        Assert.False(rig.Ended.ContainsKey(second));
        Assert.True(rig.Service.SendToSession(second, "finish", null));
        await rig.RunUntilAsync(() => rig.Ended.ContainsKey(second), "the second session to end");
        Assert.Equal("done", rig.Ended[second]);
    }
}
