using CtiGateway.Orchestration.Tests.Support;
using CtiGateway.Protocol;

namespace CtiGateway.Orchestration.Tests;

/// <summary>
/// Seed 003, unmodified (../shared/strategies/seed003-detach-redirect.scxml): a call arrives at 3001 on tel_sw, the
/// session detaches it and redirects it to 7778 on tel_sw_1, waits 33 s of virtual time and ends with TEST_RESULT =
/// PASSED; the call really rings at 7778 and a new session can own it.
/// </summary>
public sealed class Seed003Tests
{
    private const string Seed = "strategies/seed003-detach-redirect.scxml";

    [Fact]
    public async Task TheSeedDetachesRedirectsAcrossSwitchesAndPasses()
    {
        var file = SharedData.Find(Seed);
        Assert.SkipWhen(file is null, SharedData.MissingMessage(Seed));
        await using var rig = await OrchestrationRig.StartWithFileAsync("3001@tel_sw", file!);
        var observer = await rig.Gateway.ClientAsync("observer", "7778@tel_sw_1");

        rig.DeliverCall("3001");
        await rig.RunUntilAsync(() => !rig.Ended.IsEmpty, "the seed's session to end", maxVirtual: TimeSpan.FromMinutes(5));

        var session = Assert.Single(rig.Ended.Keys);
        Assert.Equal("exit", rig.Ended[session]);
        var log = rig.Log.Where(l => l.SessionId == session).Select(l => l.Text).ToList();
        Assert.Contains("G_G_GOT SESSION TERMINATION WITH TEST_RESULT = PASSED", log);
        Assert.DoesNotContain(log, l => l.Contains("ABNORMAL", StringComparison.Ordinal));
        Assert.Contains(log, l => l.StartsWith("G_G_GOT detach done: ({requestid:\"", StringComparison.Ordinal));
        Assert.Contains(log, l => l.StartsWith("G_G_GOT redirect done: ({requestid:\"", StringComparison.Ordinal));

        // The session saw, in order: added, present, then (detaching) notcontrolled and deleted, the detach's and the redirect's done.
        var names = rig.EventsOf(session).Select(e => e.Name).ToList();
        Assert.Equal(
            ["interaction.added", "interaction.present", "interaction.notcontrolled", "interaction.deleted", "interaction.detach.done", "interaction.redirect.done"],
            names);
        Assert.Contains("\"resultof\":\"detaching\"", rig.EventsOf(session)[2].Data, StringComparison.Ordinal);

        // The call really rings at 7778 on the second switch.
        var ringing = await observer.WaitForAsync(m => m.Type == MessageType.EventRinging && m.ThisDN == "7778", TimeSpan.FromSeconds(30), "EventRinging at 7778 on tel_sw_1");
        Assert.NotNull(ringing.ConnID);

        // A new session can own the redirected call: it sees it as a new interaction with its party at 7778.
        var adopter = await rig.WriteStrategyAsync("adopt.scxml", """
            <scxml version="1.0" xmlns="http://www.w3.org/2005/07/scxml" xmlns:ixn="http://www.genesyslab.com/modules/interaction" initial="wait">
              <datamodel><data id="device" expr="''"/></datamodel>
              <state id="wait">
                <transition event="interaction.added">
                  <script>
                    var parties = _genesys.ixn.interactions[_event.data.interactionid].parties;
                    for (var id in parties) { if (parties[id].device == '7778' &amp;&amp; parties[id].state == 'ringing') { device = '7778'; } }
                  </script>
                </transition>
                <transition event="interaction.present" cond="device == '7778'" target="owned"/>
              </state>
              <final id="owned"/>
            </scxml>
            """);
        var second = await rig.Service.StartSessionForCallAsync(adopter, "7778@tel_sw_1", ringing.ConnID!.Value, TestContext.Current.CancellationToken);
        await rig.RunUntilAsync(() => rig.Ended.ContainsKey(second), "the new session to own the call");
        Assert.Equal("owned", rig.Ended[second]);
    }
}
