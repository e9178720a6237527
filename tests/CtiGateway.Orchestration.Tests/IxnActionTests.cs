using System.Text.Json;
using CtiGateway.Orchestration.Tests.Support;
using CtiGateway.Protocol;

namespace CtiGateway.Orchestration.Tests;

/// <summary>
/// Every ixn: action end to end against the simulated demo switches: its success path and an error path, with the
/// events and attributes of seed 002 (requestid first, interactionid, error and description).
/// </summary>
public sealed class IxnActionTests
{
    private const string RoutePoint = "3001@tel_sw";

    [Fact]
    public async Task RedirectFromTheRoutePointRingsTheDestinationAndTheInteractionLeavesControlAsRouting()
    {
        await using var rig = await OrchestrationRig.StartAsync(new Dictionary<string, string>
        {
            [RoutePoint] = IxnStrategy.Wrap("""
                <state id="act">
                  <onentry><ixn:redirect interactionid="ixnid" to="'5001'" requestid="reqid"/></onentry>
                  <transition event="interaction.notcontrolled" cond="_event.data.resultof == 'routing'" target="done"/>
                  <transition event="error.interaction.redirect" target="failed"/>
                </state>
                """),
        });
        var agent = await rig.Gateway.ClientAsync("agent", "5001");

        rig.DeliverCall("3001");
        var session = await EndOf(rig);

        Assert.Equal("done", rig.Ended[session]);
        var events = rig.EventsOf(session);
        var done = Single(events, "interaction.redirect.done");
        Assert.Equal(["requestid", "interactionid"], done.EnumerateObject().Select(p => p.Name));
        var divert = Single(events, "interaction.ondivert");
        Assert.Equal("3001", divert.GetProperty("divertingresource").GetString());
        Assert.Equal("5001", divert.GetProperty("newdestination").GetString());
        Assert.Equal(done.GetProperty("interactionid").GetString() + "-1", divert.GetProperty("divertingpartyid").GetString());
        await agent.WaitForAsync(m => m.Type == MessageType.EventRinging && m.ThisDN == "5001", TimeSpan.FromSeconds(30), "EventRinging at 5001");
    }

    [Fact]
    public async Task RedirectToAWorkbinIsRefusedAsAMultimediaResource()
    {
        await using var rig = await OrchestrationRig.StartAsync(new Dictionary<string, string>
        {
            [RoutePoint] = IxnStrategy.Act("redirect", """<ixn:redirect interactionid="ixnid" to="({ type: 'WB', id: 'MyWorkbin' })" requestid="reqid"/>"""),
        });

        rig.DeliverCall("3001");
        var session = await EndOf(rig);

        Assert.Equal("failed", rig.Ended[session]);
        var error = Single(rig.EventsOf(session), "error.interaction.redirect");
        Assert.Equal(["requestid", "error", "description"], error.EnumerateObject().Select(p => p.Name));
        Assert.Equal("invaliddestination", error.GetProperty("error").GetString());
        Assert.Contains("workbins", error.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RedirectToADnTheSwitchRefusesIsAnErrorAndTheCallStaysAtTheRoutePoint()
    {
        await using var rig = await OrchestrationRig.StartAsync(new Dictionary<string, string>
        {
            [RoutePoint] = IxnStrategy.Act("redirect", """<ixn:redirect interactionid="ixnid" to="'99999'" requestid="reqid"/>"""),
        });

        rig.DeliverCall("3001");
        var session = await EndOf(rig);

        Assert.Equal("failed", rig.Ended[session]);
        var error = Single(rig.EventsOf(session), "error.interaction.redirect");
        Assert.Equal("invaliddestination", error.GetProperty("error").GetString());
        Assert.Contains("RequestRouteCall", error.GetProperty("description").GetString(), StringComparison.Ordinal);
        var calls = await rig.Gateway.CallsAsync();
        Assert.Contains(calls, c => c.Call.Parties.Any(p => p.Dn == "3001"));
    }

    private static Task<string> EndOf(OrchestrationRig rig) => IxnTestRun.EndOf(rig);

    /// <summary>The data of the one event named <paramref name="name"/> (or of the last one).</summary>
    internal static JsonElement Single(IReadOnlyList<(string Name, string? Data)> events, string name, bool last = false)
    {
        var match = last ? events.Last(e => e.Name == name) : Assert.Single(events, e => e.Name == name);
        return JsonDocument.Parse(match.Data!).RootElement.Clone();
    }
}
