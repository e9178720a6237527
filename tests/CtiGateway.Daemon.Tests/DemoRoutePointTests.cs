using System.Globalization;
using CtiGateway.Protocol;

namespace CtiGateway.Daemon.Tests;

/// <summary>
/// Route point 3001 is live in <c>ctigatewayd --demo</c>: a router client registered on 3001 gets EventRouteRequest for
/// the demo's inbound calls and routes them with RequestRouteCall (EventRouteUsed with its ReferenceID, the call rings
/// at the DN it named, with ThisQueue 3001).
/// </summary>
/// <remarks>Orchestration is off here: its demo strategy on 3001 would race this test's router for the calls.</remarks>
public sealed class DemoRoutePointTests
{
    private const string ReadyPattern = @"ready: T-Library server on \S+, port (\d+)";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ARouterOn3001GetsEventRouteRequestForTheDemoCallsAndRoutesThem()
    {
        await using var daemon = ManagedProcess.Start(RepoPaths.DaemonDll, ["--demo", "--TServer:Port=0", "--Demo:CallsPerSecond=2", "--Orchestration:Enabled=false"]);
        var port = int.Parse((await daemon.WaitForLineAsync(ReadyPattern, Timeout)).Groups[1].Value, CultureInfo.InvariantCulture);

        await using var router = await TlibEventRecorder.ConnectRegisteredAsync(port, Timeout, "demo-router");
        await router.RequestAsync(new TlibMessage(MessageType.RequestRegisterAddress) { ThisDN = "3001" }, MessageType.EventRegistered, Timeout);
        await using var target = await TlibEventRecorder.ConnectRegisteredAsync(port, Timeout, "demo-target");
        await target.RequestAsync(new TlibMessage(MessageType.RequestRegisterAddress) { ThisDN = "5090" }, MessageType.EventRegistered, Timeout);

        var request = await router.WaitForAsync(m => m.Type == MessageType.EventRouteRequest && m.ThisDN == "3001", Timeout, "EventRouteRequest on 3001");
        Assert.Equal("3001", request.GetString(AttributeId.ThisQueue));
        Assert.Equal((int)CallType.Inbound, request.GetInt(AttributeId.CallType));
        Assert.False(string.IsNullOrEmpty(request.GetString(AttributeId.ANI)));

        var route = new TlibMessage(MessageType.RequestRouteCall) { ThisDN = "3001", ConnID = request.ConnID, OtherDN = "5090", ReferenceID = router.NextReferenceId() };
        route.Set(AttributeId.RouteType, (int)RouteType.Default);
        await router.SendAsync(route);
        var used = await router.WaitForAsync(m => m.Type == MessageType.EventRouteUsed && m.ConnID == request.ConnID, Timeout, "EventRouteUsed on 3001");
        Assert.Equal(route.ReferenceID, used.ReferenceID);
        Assert.Equal("5090", used.GetString(AttributeId.ThirdPartyDN));
        var ringing = await target.WaitForAsync(m => m.Type == MessageType.EventRinging && m.ConnID == request.ConnID, Timeout, "EventRinging on 5090");
        Assert.Equal("3001", ringing.GetString(AttributeId.ThisQueue));
    }
}
