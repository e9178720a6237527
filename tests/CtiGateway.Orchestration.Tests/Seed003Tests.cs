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
    }
}
