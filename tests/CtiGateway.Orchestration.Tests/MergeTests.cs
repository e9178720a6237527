using System.Text.Json;
using CtiGateway.Orchestration.Tests.Support;
using CtiGateway.Protocol;
using CtiGateway.Switching.Tests.Calls;

namespace CtiGateway.Orchestration.Tests;

/// <summary>
/// interaction.onmerge: an agent at 5001 with the session's call consults the route point 3001, whose strategy sends the
/// consultation to 5002, then completes a two-step transfer or conference. One session owns both calls when the
/// consultation inherits the call's user data (OP-Session-ID); with separate user data a second session owns it.
/// </summary>
public sealed class MergeTests
{
    private const string RoutePoint = "3001@tel_sw";

    /// <summary>
    /// The original call goes to 5001 and is answered there ("talking"); a consultation (an interaction with a parentid,
    /// presented at the route point) goes to 5002 and is answered there ("consult connected"). After the merge each
    /// change of the survivor is logged as "parties ID DEVICE:STATE,...", and the consultation's deletion as "gone".
    /// </summary>
    private static readonly string Strategy = IxnStrategy.Wrap("""
        <state id="act">
          <onentry><ixn:redirect interactionid="ixnid" to="'5001'" requestid="reqid"/></onentry>
          <transition event="interaction.partyadded" cond="_event.data.interactionid == ixnid &amp;&amp; _event.data.focusresource == '5001'" target="answer"/>
          <transition event="error.interaction.redirect" target="failed"/>
        </state>
        <state id="answer">
          <onentry><ixn:accept interactionid="ixnid" resource="'5001'" requestid="reqid"/></onentry>
          <transition event="interaction.partystatechanged" cond="_event.data.interactionid == ixnid &amp;&amp; _event.data.partystate == 'connected'" target="talking"/>
          <transition event="error.interaction.accept" target="failed"/>
        </state>
        <state id="talking">
          <onentry><log expr="'talking ' + ixnid"/></onentry>
          <transition event="interaction.present" cond="isConsult(_event.data.interactionid)" target="consult"><assign location="consultid" expr="_event.data.interactionid"/></transition>
          <transition event="interaction.onmerge" target="merged"><assign location="survivor" expr="_event.data.tointeractionid"/></transition>
        </state>
        <state id="consult">
          <initial><transition target="route"/></initial>
          <transition event="interaction.onmerge" target="merged"><assign location="survivor" expr="_event.data.tointeractionid"/></transition>
          <state id="route">
            <onentry><ixn:redirect interactionid="consultid" to="'5002'" requestid="reqid"/></onentry>
            <transition event="interaction.partyadded" cond="_event.data.interactionid == consultid &amp;&amp; _event.data.focusresource == '5002'" target="pickup"/>
            <transition event="error.interaction.redirect" target="failed"/>
          </state>
          <state id="pickup">
            <onentry><ixn:accept interactionid="consultid" resource="'5002'" requestid="reqid"/></onentry>
            <transition event="interaction.partystatechanged" cond="_event.data.interactionid == consultid &amp;&amp; _event.data.focusresource == '5002' &amp;&amp; _event.data.partystate == 'connected'" target="consulting"/>
            <transition event="error.interaction.accept" target="failed"/>
          </state>
          <state id="consulting">
            <onentry><log expr="'consult connected ' + consultid"/></onentry>
          </state>
        </state>
        <state id="merged">
          <onentry><log expr="parties(survivor)"/><log expr="'moved ' + partyAt(survivor, '5002')"/></onentry>
          <transition event="interaction.partydeleted interaction.partystatechanged interaction.partyadded" cond="_event.data.interactionid == survivor"><log expr="parties(survivor)"/></transition>
          <transition event="interaction.deleted" cond="_event.data.interactionid == consultid"><log expr="'gone ' + consultid + ' ' + (_genesys.ixn.interactions[consultid] == undefined)"/></transition>
        </state>
        """, """<data id="consultid" expr="''"/><data id="survivor" expr="''"/>""") .Replace("<state id=\"wait\">", """
        <script>
          function isConsult(id) {
            var ixn = _genesys.ixn.interactions[id];
            return ixn != undefined &amp;&amp; ixn.parentid != null &amp;&amp; ixn.location.routepoint == '3001';
          }
          function partyAt(id, device) {
            var ixn = _genesys.ixn.interactions[id];
            if (ixn == undefined) { return 'none'; }
            for (var k in ixn.parties) { if (ixn.parties[k].device == device) { return ixn.parties[k].partyid; } }
            return 'none';
          }
          function parties(id) {
            var ixn = _genesys.ixn.interactions[id];
            if (ixn == undefined) { return 'parties ' + id + ' not here'; }
            var list = [];
            for (var k in ixn.parties) { list.push(ixn.parties[k].device + ':' + ixn.parties[k].state); }
            list.sort();
            return 'parties ' + id + ' ' + list.join(',');
          }
        </script>
        <state id="wait">
          <transition event="interaction.present" cond="isConsult(_event.data.interactionid)" target="consult"><assign location="consultid" expr="_event.data.interactionid"/></transition>
        """, StringComparison.Ordinal);

    [Theory]
    [InlineData("inherited", false)]
    [InlineData("inherited", true)]
    [InlineData("separate", false)]
    [InlineData("separate", true)]
    public async Task CompletingAConsultationMergesItIntoTheOriginalInteraction(string consultUserData, bool conference)
    {
        await using var rig = await OrchestrationRig.StartAsync(new Dictionary<string, string> { [RoutePoint] = Strategy }, consultUserData: consultUserData);
        var agent = await rig.Gateway.ClientAsync("agent", "5001");

        rig.DeliverCall("3001");
        await rig.RunUntilAsync(() => rig.Log.Any(l => l.Text.StartsWith("talking ", StringComparison.Ordinal)), "the call to be answered at 5001");
        var first = rig.Log.First(l => l.Text.StartsWith("talking ", StringComparison.Ordinal));
        var primarySession = first.SessionId;
        var primaryId = first.Text["talking ".Length..];
        Assert.True(ConnId.TryParse(primaryId, out var primary), primaryId);

        var initiate = new TlibMessage(conference ? MessageType.RequestInitiateConference : MessageType.RequestInitiateTransfer) { ThisDN = "5001", ConnID = primary, OtherDN = "3001" };
        var initiateRef = await agent.SendAsync(initiate);
        var dialing = await agent.WaitForAsync(m => m.ReferenceID == initiateRef && m.Type is MessageType.EventDialing or MessageType.EventError, CallRig.Timeout, "EventDialing of the consultation");
        Assert.Equal(MessageType.EventDialing, dialing.Type);
        var consultId = dialing.ConnID!.Value.ToString();

        // The consultation is routed to 5002 and answered; the orchestration has seen 5001 connected on it too.
        await rig.RunUntilAsync(
            () => rig.Log.Any(l => l.Text == "consult connected " + consultId)
                && rig.Events.Any(e => e.Name is "interaction.partyadded" or "interaction.partystatechanged" && Is(e.Data, consultId, "5001", "connected")),
            "the consultation to be connected at 5002 and 5001");
        var consultSession = rig.Log.First(l => l.Text == "consult connected " + consultId).SessionId;
        Assert.Equal(consultUserData == "inherited", consultSession == primarySession);
        var heldPartyId = PartyIdAt(rig, primarySession, primaryId, "5001");
        var activePartyId = PartyIdAt(rig, consultSession, consultId, "5001");
        var consultPartyAt5002 = PartyIdAt(rig, consultSession, consultId, "5002");

        var complete = new TlibMessage(conference ? MessageType.RequestCompleteConference : MessageType.RequestCompleteTransfer) { ThisDN = "5001", ConnID = primary };
        complete.Set(conference ? AttributeId.ConferenceConnID : AttributeId.TransferConnID, (long)dialing.ConnID!.Value.Value);
        var completeRef = await agent.SendAsync(complete);

        // The survivor ends as the switch has it: 5002 moved over; 5001 left (transfer) or talks again (conference).
        var finalParties = conference ? $"parties {primaryId} 5001:connected,5002:connected" : $"parties {primaryId} 5002:connected";
        await rig.RunUntilAsync(
            () => LogsOf(rig, primarySession).LastOrDefault(t => t.StartsWith("parties ", StringComparison.Ordinal)) == finalParties
                && rig.Log.Any(l => l.Text == $"gone {consultId} true"),
            "the merge to be announced and the survivor to settle");
        Assert.DoesNotContain(agent.AnswersTo(completeRef), m => m.Type == MessageType.EventError);

        // interaction.onmerge, with seed 002's attributes in order, once to each owning session.
        var owners = consultSession == primarySession ? new[] { primarySession } : [primarySession, consultSession];
        foreach (var session in owners)
        {
            var merges = rig.EventsOf(session).Where(e => e.Name == "interaction.onmerge").ToList();
            var merge = Assert.Single(merges);
            using var data = JsonDocument.Parse(merge.Data!);
            var root = data.RootElement;
            Assert.Equal(
                ["frominteractionid", "tointeractionid", "activeresource", "activepartyid", "activepartystate", "heldresource", "heldpartyid", "heldpartystate", "hints"],
                root.EnumerateObject().Select(p => p.Name));
            Assert.Equal(consultId, root.GetProperty("frominteractionid").GetString());
            Assert.Equal(primaryId, root.GetProperty("tointeractionid").GetString());
            Assert.Equal("5001", root.GetProperty("activeresource").GetString());
            Assert.Equal(activePartyId, root.GetProperty("activepartyid").GetString());
            Assert.Equal("connected", root.GetProperty("activepartystate").GetString());
            Assert.Equal("5001", root.GetProperty("heldresource").GetString());
            Assert.Equal(heldPartyId, root.GetProperty("heldpartyid").GetString());
            Assert.Equal("held", root.GetProperty("heldpartystate").GetString());
            Assert.Equal(conference ? "conference" : "transfer", root.GetProperty("hints").GetProperty("type").GetString());
        }

        // The survivor's owner saw its object updated when the event came: 5002 is a party of it, with a new party id.
        var atMerge = LogsOf(rig, primarySession).First(t => t.StartsWith("parties ", StringComparison.Ordinal));
        Assert.Equal($"parties {primaryId} 5001:held,5002:connected", atMerge);
        var moved = LogsOf(rig, primarySession).First(t => t.StartsWith("moved ", StringComparison.Ordinal))["moved ".Length..];
        Assert.StartsWith(primaryId + "-", moved, StringComparison.Ordinal);
        Assert.NotEqual(consultPartyAt5002, moved);

        // The consultation left its owner after the onmerge: notcontrolled (deletion), then deleted; no session owns it.
        var consultEvents = rig.EventsOf(consultSession).Select(e => e.Name + " " + e.Data).ToList();
        var mergedAt = consultEvents.FindIndex(e => e.StartsWith("interaction.onmerge ", StringComparison.Ordinal));
        var notControlledAt = consultEvents.FindIndex(e => e.StartsWith("interaction.notcontrolled ", StringComparison.Ordinal) && e.Contains(consultId, StringComparison.Ordinal)
            && e.Contains("\"resultof\":\"deletion\"", StringComparison.Ordinal));
        var deletedAt = consultEvents.FindIndex(e => e.StartsWith("interaction.deleted ", StringComparison.Ordinal) && e.Contains(consultId, StringComparison.Ordinal));
        Assert.True(mergedAt >= 0 && mergedAt < notControlledAt && notControlledAt < deletedAt, string.Join(" | ", consultEvents));
        Assert.DoesNotContain(rig.EventsOf(primarySession), e => e.Name == "interaction.deleted" && e.Data!.Contains(primaryId, StringComparison.Ordinal));

        var sessions = await rig.Service.ListSessionsAsync();
        Assert.Contains(primaryId, sessions.Single(s => s.Id == primarySession).Interactions);
        Assert.DoesNotContain(sessions, s => s.Interactions.Contains(consultId));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AConsultationFromADnTheOrchestrationDoesNotWatchMergesIntoACallItsSessionTakes(bool conference)
    {
        await using var rig = await OrchestrationRig.StartAsync(new Dictionary<string, string> { [RoutePoint] = Strategy });
        var agent = await rig.Gateway.ClientAsync("agent", "5011");
        rig.Gateway.Simulator.Invoke(m =>
        {
            var made = m.MakeCall("5010", "5011");
            Assert.False(m.AnswerCall(new Pbx.Csta.CstaConnectionId(made.CallingConnection!.Value.CallId, "5011")).IsError);
        });
        var established = await agent.WaitForAsync(m => m.Type == MessageType.EventEstablished && m.ThisDN == "5011", CallRig.Timeout, "EventEstablished at 5011");
        var primaryId = established.ConnID!.Value.ToString();

        var initiate = new TlibMessage(conference ? MessageType.RequestInitiateConference : MessageType.RequestInitiateTransfer) { ThisDN = "5011", ConnID = established.ConnID, OtherDN = "3001" };
        var initiateRef = await agent.SendAsync(initiate);
        var dialing = await agent.WaitForAsync(m => m.ReferenceID == initiateRef && m.Type is MessageType.EventDialing or MessageType.EventError, CallRig.Timeout, "EventDialing of the consultation");
        Assert.Equal(MessageType.EventDialing, dialing.Type);
        var consultId = dialing.ConnID!.Value.ToString();
        await rig.RunUntilAsync(() => rig.Log.Any(l => l.Text == "consult connected " + consultId), "the consultation to be connected at 5002");
        await agent.WaitForAsync(m => m.Type == MessageType.EventEstablished && m.ConnID == dialing.ConnID, CallRig.Timeout, "the consultation answered");
        var session = rig.Log.First(l => l.Text == "consult connected " + consultId).SessionId;

        var complete = new TlibMessage(conference ? MessageType.RequestCompleteConference : MessageType.RequestCompleteTransfer) { ThisDN = "5011", ConnID = established.ConnID };
        complete.Set(conference ? AttributeId.ConferenceConnID : AttributeId.TransferConnID, (long)dialing.ConnID!.Value.Value);
        var completeRef = await agent.SendAsync(complete);
        await rig.RunUntilAsync(() => rig.Log.Any(l => l.Text == $"gone {consultId} true"), "the consultation to leave the session");
        Assert.DoesNotContain(agent.AnswersTo(completeRef), m => m.Type == MessageType.EventError);

        // Seen only at 5002 (EventPartyChanged naming the consultation as PreviousConnID): the session takes the call
        // 5002 moved to (added, present), then the merge names the controller from ThirdPartyDN; its party ids are
        // unknown here.
        var names = rig.EventsOf(session).Select(e => e.Name).ToList();
        var addedAt = rig.EventsOf(session).ToList().FindIndex(e => e.Name == "interaction.added" && e.Data!.Contains(primaryId, StringComparison.Ordinal));
        Assert.True(addedAt >= 0, string.Join(" | ", names));
        Assert.Equal(["interaction.added", "interaction.present", "interaction.onmerge", "interaction.notcontrolled", "interaction.deleted"], names.Skip(addedAt).Take(5));
        using var data = JsonDocument.Parse(rig.EventsOf(session).Single(e => e.Name == "interaction.onmerge").Data!);
        var root = data.RootElement;
        Assert.Equal(consultId, root.GetProperty("frominteractionid").GetString());
        Assert.Equal(primaryId, root.GetProperty("tointeractionid").GetString());
        Assert.Equal("5011", root.GetProperty("activeresource").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("activepartyid").ValueKind);
        Assert.Equal("5011", root.GetProperty("heldresource").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("heldpartyid").ValueKind);
        Assert.Equal(conference ? "conference" : "transfer", root.GetProperty("hints").GetProperty("type").GetString());
        Assert.Contains($"parties {primaryId} 5002:connected", LogsOf(rig, session));
        var sessions = await rig.Service.ListSessionsAsync();
        Assert.Equal([primaryId], sessions.Single(s => s.Id == session).Interactions);
    }

    private static IEnumerable<string> LogsOf(OrchestrationRig rig, string session) =>
        rig.Log.Where(l => l.SessionId == session).Select(l => l.Text);

    private static bool Is(string? data, string interactionId, string device, string state)
    {
        if (data is null)
        {
            return false;
        }

        using var json = JsonDocument.Parse(data);
        var root = json.RootElement;
        return root.GetProperty("interactionid").GetString() == interactionId && root.GetProperty("focusresource").GetString() == device
            && root.GetProperty("partystate").GetString() == state;
    }

    /// <summary>The party id of <paramref name="device"/> on an interaction, from the last party event the session got about it.</summary>
    private static string PartyIdAt(OrchestrationRig rig, string session, string interactionId, string device)
    {
        string? found = null;
        foreach (var (name, data) in rig.EventsOf(session))
        {
            if (name.StartsWith("interaction.party", StringComparison.Ordinal) && data is not null)
            {
                using var json = JsonDocument.Parse(data);
                var root = json.RootElement;
                if (root.GetProperty("interactionid").GetString() == interactionId && root.GetProperty("focusresource").GetString() == device)
                {
                    found = root.GetProperty("partyid").GetString();
                }
            }
        }

        return found ?? throw new InvalidOperationException($"no party event for {device} on {interactionId} in session {session}");
    }
}
