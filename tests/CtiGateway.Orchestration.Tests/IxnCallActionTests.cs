using CtiGateway.Orchestration.Tests.Support;
using CtiGateway.Protocol;

namespace CtiGateway.Orchestration.Tests;

/// <summary>ixn:accept, clear, terminate, singlesteptransfer and singlestepconference end to end, success and error.</summary>
public sealed class IxnCallActionTests
{
    private const string RoutePoint = "3001@tel_sw";

    [Fact]
    public async Task AcceptAnswersAtTheResourceAndClearTakesThePartyOff()
    {
        await using var rig = await OrchestrationRig.StartAsync(new Dictionary<string, string>
        {
            [RoutePoint] = IxnStrategy.ConnectedAt5001("""
                <state id="step">
                  <datamodel><data id="seen" expr="0"/></datamodel>
                  <onentry><ixn:clear interactionid="ixnid" resource="'5001'" requestid="reqid"/></onentry>
                  <!-- The request's answer and the call's events travel apart: either may come first. -->
                  <transition event="interaction.clear.done" cond="_event.data.requestid == reqid"><assign location="seen" expr="seen + 1"/></transition>
                  <transition event="interaction.deleted" cond="_event.data.interactionid == ixnid"><assign location="seen" expr="seen + 1"/></transition>
                  <transition cond="seen == 2" target="done"/>
                  <transition event="error.interaction.clear" target="failed"/>
                </state>
                """),
        });

        rig.DeliverCall("3001");
        var session = await IxnTestRun.EndOf(rig);

        Assert.Equal("done", rig.Ended[session]);
        var events = rig.EventsOf(session);
        var accept = IxnActionTests.Single(events, "interaction.accept.done");
        Assert.Equal(["requestid", "interactionid"], accept.EnumerateObject().Select(p => p.Name));
        var clear = IxnActionTests.Single(events, "interaction.clear.done");
        Assert.Equal(["requestid", "interactionid", "resource"], clear.EnumerateObject().Select(p => p.Name));
        Assert.Equal("5001", clear.GetProperty("resource").GetString());
        var added = IxnActionTests.Single(events, "interaction.partyadded");
        Assert.Equal(["interactionid", "focusresource", "partyid", "partystate"], added.EnumerateObject().Select(p => p.Name));
        var changed = IxnActionTests.Single(events, "interaction.partystatechanged");
        Assert.Equal(["interactionid", "focusresource", "partyid", "partystate", "hints"], changed.EnumerateObject().Select(p => p.Name));
        var deleted = IxnActionTests.Single(events, "interaction.partydeleted");
        Assert.Equal("5001", deleted.GetProperty("focusresource").GetString());
        Assert.Equal("deletion", IxnActionTests.Single(events, "interaction.notcontrolled", last: true).GetProperty("resultof").GetString());
    }

    [Fact]
    public async Task AcceptWhereTheCallIsNotIsAnErrorAndClearOfANonPartyIsInvalidState()
    {
        await using var rig = await OrchestrationRig.StartAsync(new Dictionary<string, string>
        {
            [RoutePoint] = IxnStrategy.Wrap("""
                <state id="act">
                  <onentry><ixn:accept interactionid="ixnid" resource="'5002'" requestid="reqid"/></onentry>
                  <transition event="error.interaction.accept" cond="_event.data.requestid == reqid" target="clear"/>
                  <transition event="interaction.accept.done" target="failed"/>
                </state>
                <state id="clear">
                  <onentry><ixn:clear interactionid="ixnid" resource="'5999'" requestid="reqid"/></onentry>
                  <transition event="error.interaction.clear" cond="_event.data.requestid == reqid &amp;&amp; _event.data.error == 'invalidstate'" target="done"/>
                  <transition event="interaction.clear.done" target="failed"/>
                </state>
                """),
        });

        rig.DeliverCall("3001");
        var session = await IxnTestRun.EndOf(rig);

        Assert.Equal("done", rig.Ended[session]);
        var accept = IxnActionTests.Single(rig.EventsOf(session), "error.interaction.accept");
        Assert.Equal(["requestid", "error", "description"], accept.EnumerateObject().Select(p => p.Name));
        Assert.Contains("RequestAnswerCall", accept.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Contains("5999", IxnActionTests.Single(rig.EventsOf(session), "error.interaction.clear").GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TerminateClearsTheCallAndTheInteractionLeavesAsDeletionWhileTheSessionGoesOn()
    {
        await using var rig = await OrchestrationRig.StartAsync(new Dictionary<string, string>
        {
            [RoutePoint] = IxnStrategy.Wrap("""
                <state id="act">
                  <onentry><ixn:terminate interactionid="ixnid" reason="'closing'" requestid="reqid"/></onentry>
                  <transition event="interaction.deleted" cond="_event.data.interactionid == ixnid" target="after"/>
                  <transition event="error.interaction.terminate" target="failed"/>
                </state>
                <state id="after">
                  <onentry><ixn:terminate interactionid="ixnid" requestid="reqid"/></onentry>
                  <transition event="error.interaction.terminate" cond="_event.data.requestid == reqid &amp;&amp; _event.data.error == 'invalidstate'" target="idle"/>
                </state>
                <state id="idle">
                  <transition event="finish" target="done"/>
                </state>
                """),
        });

        rig.DeliverCall("3001");
        await rig.RunUntilAsync(() => rig.Events.Any(e => e.Name == "error.interaction.terminate"), "the second terminate's error", TimeSpan.FromMinutes(1));
        var session = rig.FirstSession()!;
        Assert.False(rig.Ended.ContainsKey(session));
        await rig.Gateway.WaitForCallsAsync(calls => calls.All(c => c.Call.Parties.All(p => p.Dn != "3001")), "the call to be cleared");
        Assert.True(rig.Service.SendToSession(session, "finish", null));
        await rig.RunUntilAsync(() => rig.Ended.ContainsKey(session), "the session to end");

        var events = rig.EventsOf(session);
        Assert.Contains(events, e => e.Name == "interaction.terminate.done");
        Assert.Equal("deletion", IxnActionTests.Single(events, "interaction.notcontrolled").GetProperty("resultof").GetString());
        Assert.Equal("done", rig.Ended[session]);
    }

    [Theory]
    [InlineData("singlesteptransfer", "interaction.onsinglesteptransfer", "transferringresource")]
    [InlineData("singlestepconference", "interaction.onsinglestepconference", "conferencingresource")]
    public async Task SingleStepActionsReachTheDestinationAndAnnounceIt(string action, string announcement, string resourceKey)
    {
        await using var rig = await OrchestrationRig.StartAsync(new Dictionary<string, string>
        {
            [RoutePoint] = IxnStrategy.ConnectedAt5001($$"""
                <state id="step">
                  <onentry><ixn:{{action}} interactionid="ixnid" from="'5001'" to="'5002'" requestid="reqid"/></onentry>
                  <transition event="{{announcement}}" target="done"/>
                  <transition event="error.interaction.{{action}}" target="failed"/>
                </state>
                """),
        });
        var observer = await rig.Gateway.ClientAsync("observer", "5002");

        rig.DeliverCall("3001");
        var session = await IxnTestRun.EndOf(rig);

        Assert.Equal("done", rig.Ended[session]);
        var events = rig.EventsOf(session);
        var done = IxnActionTests.Single(events, $"interaction.{action}.done");
        Assert.Equal(["requestid", "interactionid"], done.EnumerateObject().Select(p => p.Name));
        var announced = IxnActionTests.Single(events, announcement);
        Assert.Equal("5001", announced.GetProperty(resourceKey).GetString());
        Assert.True(announced.TryGetProperty("hints", out _));
        await observer.WaitForAsync(m => m.Type == MessageType.EventRinging && m.ThisDN == "5002", TimeSpan.FromSeconds(30), "EventRinging at 5002");
    }

    [Theory]
    [InlineData("singlesteptransfer")]
    [InlineData("singlestepconference")]
    public async Task SingleStepActionsFromANonPartyAreInvalidState(string action)
    {
        await using var rig = await OrchestrationRig.StartAsync(new Dictionary<string, string>
        {
            [RoutePoint] = IxnStrategy.Act(action, $$"""<ixn:{{action}} interactionid="ixnid" from="'5007'" to="'5002'" requestid="reqid"/>"""),
        });

        rig.DeliverCall("3001");
        var session = await IxnTestRun.EndOf(rig);

        Assert.Equal("failed", rig.Ended[session]);
        var error = IxnActionTests.Single(rig.EventsOf(session), $"error.interaction.{action}");
        Assert.Equal("invalidstate", error.GetProperty("error").GetString());
    }
}
