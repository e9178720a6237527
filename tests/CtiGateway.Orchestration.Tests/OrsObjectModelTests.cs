using CtiGateway.Orchestration.Tests.Support;

namespace CtiGateway.Orchestration.Tests;

/// <summary>
/// What Composer's generated code reads from <c>_genesys</c>: the voice call type and media in the ORS object model's
/// names (RouteFeature.js compares <c>voice.type == 'inbound'</c> and <c>voice.media == 'TMediaVoice'</c>), and
/// <c>_genesys.statistic.sData</c> (Composer's EWT and statistics blocks), which has no Stat Server here and must say so.
/// </summary>
public sealed class OrsObjectModelTests
{
    private const string RoutePoint = "3001@tel_sw";

    [Fact]
    public async Task VoiceTypeAndMediaUseTheOrsNames()
    {
        await using var rig = await OrchestrationRig.StartAsync(new Dictionary<string, string>
        {
            [RoutePoint] = IxnStrategy.Wrap("""
                <state id="act">
                  <onentry><log label="voice" expr="_genesys.ixn.interactions[ixnid].voice.type + ' ' + _genesys.ixn.interactions[ixnid].voice.media"/></onentry>
                  <transition cond="_genesys.ixn.interactions[ixnid].voice.type == 'inbound' &amp;&amp; _genesys.ixn.interactions[ixnid].voice.media == 'TMediaVoice'" target="done"/>
                  <transition target="failed"/>
                </state>
                """),
        });

        rig.DeliverCall("3001");
        var session = await IxnTestRun.EndOf(rig);

        Assert.Equal("done", rig.Ended[session]);
    }

    [Fact]
    public async Task SetuDataShowsInTheInteractionsUdataAtOnceAndReachesTheCall()
    {
        await using var rig = await OrchestrationRig.StartAsync(new Dictionary<string, string>
        {
            [RoutePoint] = IxnStrategy.Wrap("""
                <state id="act">
                  <onentry>
                    <script>_genesys.ixn.setuData(ixnid, {Segment: 'Gold', Priority: 7});</script>
                    <log label="udata" expr="_genesys.ixn.interactions[ixnid].udata.Segment + ' ' + _genesys.ixn.interactions[ixnid].udata.Priority + ' ' + _genesys.ixn.getuData(ixnid, 'Segment')"/>
                  </onentry>
                  <transition cond="_genesys.ixn.interactions[ixnid].udata.Segment == 'Gold' &amp;&amp; _genesys.ixn.interactions[ixnid].udata.Priority === 7" target="done"/>
                  <transition target="failed"/>
                </state>
                """),
        });

        rig.DeliverCall("3001");
        var session = await IxnTestRun.EndOf(rig);

        Assert.Equal("done", rig.Ended[session]);
        await rig.Gateway.WaitForCallsAsync(calls => calls.Any(c => c.Call.UserData.TryGetValue("Segment", out var segment) && segment.AsString() == "Gold"), "Segment=Gold on the call");
    }

    [Fact]
    public async Task ARedirectFromAWatchedDnToAnotherKeepsTheInteractionAndReportsTheNewParty()
    {
        await using var rig = await OrchestrationRig.StartAsync(new Dictionary<string, string>
        {
            [RoutePoint] = IxnStrategy.Wrap("""
                <state id="act">
                  <onentry><ixn:redirect interactionid="ixnid" to="'5001'" requestid="reqid"/></onentry>
                  <transition event="interaction.partyadded" cond="_event.data.focusresource == '5001'" target="again"/>
                  <transition event="error.interaction.redirect" target="failed"/>
                </state>
                <state id="again">
                  <onentry><ixn:redirect interactionid="ixnid" from="'5001'" to="'5002'" requestid="reqid"/></onentry>
                  <transition event="interaction.partyadded" cond="_event.data.focusresource == '5002' &amp;&amp; _genesys.ixn.interactions[ixnid] != undefined" target="done"/>
                  <transition event="interaction.deleted" target="failed"/>
                  <transition event="error.interaction.redirect" target="failed"/>
                </state>
                """),
        });

        rig.DeliverCall("3001");
        var session = await IxnTestRun.EndOf(rig);

        Assert.Equal("done", rig.Ended[session]);
        var names = rig.EventsOf(session).Select(e => e.Name).ToList();
        Assert.DoesNotContain("interaction.deleted", names);
        Assert.Equal(1, names.Count(n => n == "interaction.added"));
        Assert.Contains("interaction.partydeleted", names);
    }

    [Fact]
    public async Task StatisticSDataRaisesAnErrorSayingThereIsNoStatServer()
    {
        await using var rig = await OrchestrationRig.StartAsync(new Dictionary<string, string>
        {
            [RoutePoint] = IxnStrategy.Wrap("""
                <state id="act">
                  <onentry><assign location="ewt" expr="_genesys.statistic.sData('4001@tel_sw.Q', 'ExpectedWaitTime')"/></onentry>
                  <transition event="error.execution" cond="_event.data.message.indexOf('no Stat Server') &gt;= 0 &amp;&amp; _event.data.message.indexOf('ExpectedWaitTime') &gt;= 0" target="done"/>
                  <transition event="*" target="failed"/>
                </state>
                """, data: """<data id="ewt"/>"""),
        });

        rig.DeliverCall("3001");
        var session = await IxnTestRun.EndOf(rig);

        Assert.Equal("done", rig.Ended[session]);
    }
}
