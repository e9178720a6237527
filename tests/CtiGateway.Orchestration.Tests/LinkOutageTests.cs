using CtiGateway.Orchestration.Tests.Support;
using CtiGateway.Switching.Tests.Calls;

namespace CtiGateway.Orchestration.Tests;

/// <summary>A switch link outage: the interactions on that switch are revoked, then restored and presented again.</summary>
public sealed class LinkOutageTests
{
    [Fact]
    public async Task AnOutageOfTheCallsSwitchRevokesTheInteractionAndItsReturnRestoresIt()
    {
        await using var rig = await OrchestrationRig.StartAsync(new Dictionary<string, string>
        {
            ["3001@tel_sw"] = IxnStrategy.Wrap("""
                <state id="act">
                  <transition event="interaction.notcontrolled" cond="_event.data.resultof == 'revoking'" target="away"/>
                </state>
                <state id="away">
                  <transition event="interaction.restored" target="back"/>
                </state>
                <state id="back">
                  <transition event="interaction.present" cond="_event.data.interactionid == ixnid &amp;&amp; _genesys.ixn.interactions[ixnid] != undefined" target="done"/>
                </state>
                """),
        });

        rig.DeliverCall("3001");
        await rig.RunUntilAsync(() => rig.Events.Any(e => e.Name == "interaction.present"), "the session");
        var session = rig.FirstSession()!;

        // tel_sw_1 going down does not concern a call on tel_sw.
        await rig.Gateway.Simulator1.DisconnectAllAsync();
        await rig.Gateway.WaitUntilAsync(() => rig.Gateway.Connected(TwoSwitchRig.Switch1), "tel_sw_1 back");
        await rig.RunUntilAsync(() => true, "nothing");
        Assert.DoesNotContain(rig.EventsOf(session), e => e.Name == "interaction.notcontrolled");

        await rig.Gateway.Simulator.DisconnectAllAsync();
        await rig.RunUntilAsync(() => rig.Ended.ContainsKey(session), "the session to see the outage and the return");

        Assert.Equal("done", rig.Ended[session]);
        Assert.Equal(
            ["interaction.added", "interaction.present", "interaction.notcontrolled", "interaction.restored", "interaction.present"],
            rig.EventsOf(session).Select(e => e.Name));
    }
}
