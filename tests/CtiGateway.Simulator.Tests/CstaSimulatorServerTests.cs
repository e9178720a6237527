using System.Net;
using System.Text;
using CtiGateway.Pbx;
using CtiGateway.Pbx.Csta;

namespace CtiGateway.Simulator.Tests;

/// <summary>The simulator over real TCP on 127.0.0.1, driven by a client made of CtiGateway.Pbx parts only.</summary>
public sealed class CstaSimulatorServerTests
{
    private static readonly IPEndPoint Loopback = new(IPAddress.Loopback, 0);
    private static readonly CstaSimulatorOptions NoHeartbeat = new() { HeartbeatInterval = null };

    private static CstaSimulatorServer Start(CstaSimulatorOptions? options = null, TimeProvider? time = null)
    {
        time ??= TimeProvider.System;
        var server = new CstaSimulatorServer(new SwitchModel(SwitchingPlan.Demo(), time), options ?? NoHeartbeat, time);
        server.Start(Loopback);
        return server;
    }

    [Fact]
    public async Task OsvStartupMonitorsMakeCallAnswerAndClear()
    {
        await using var server = Start();
        await using var client = await CstaTestClient.ConnectAsync(server.LocalEndPoint);
        await client.AnswerStartupAsync();

        await client.SendAsync(0, w => CstaXmlEncoder.WriteSystemRegister(w, CstaDialectFlavour.OsvEd4));
        var registered = await client.ExpectResponseAsync<CstaSystemRegisterResponse>(0);
        Assert.Equal(CstaNamespaces.Ed4, registered.Namespace);
        var link = Assert.Single(server.Links);
        Assert.True(link.StartupAnswered, "the SystemStatusResponse to the start-up SystemStatus was not recorded");
        var a = await client.MonitorAsync(1, "5001");
        var b = await client.MonitorAsync(2, "5002");
        Assert.NotEqual(a, b);

        await client.SendAsync(3, w => CstaXmlEncoder.WriteMakeCall(w, CstaDialectFlavour.OsvEd4, "5001", "5002"));
        var made = await client.ExpectResponseAsync<CstaMakeCallResponse>(3);
        Assert.Equal("5001", made.CallingDevice.DeviceId);
        var callId = made.CallingDevice.CallId;

        var initiated = await client.ExpectEventAsync();
        Assert.Equal((CstaEventType.ServiceInitiated, a, "5001", "initiated", "makeCall"), (initiated.Type, initiated.MonitorCrossRefId, initiated.Connection.DeviceId, initiated.LocalConnectionInfo, initiated.Cause));
        var originated = await client.ExpectEventAsync();
        Assert.Equal((CstaEventType.Originated, a, "5001", "5002", "connected"), (originated.Type, originated.MonitorCrossRefId, originated.CallingDevice, originated.CalledDevice, originated.LocalConnectionInfo));
        var deliveredA = await client.ExpectEventAsync();
        Assert.Equal((CstaEventType.Delivered, a, "5002", "connected"), (deliveredA.Type, deliveredA.MonitorCrossRefId, deliveredA.SubjectDevice, deliveredA.LocalConnectionInfo));
        var deliveredB = await client.ExpectEventAsync();
        Assert.Equal((CstaEventType.Delivered, b, new CstaConnectionId(callId, "5002"), "alerting"), (deliveredB.Type, deliveredB.MonitorCrossRefId, deliveredB.Connection, deliveredB.LocalConnectionInfo));

        await client.SendAsync(4, w => CstaXmlEncoder.WriteAnswerCall(w, CstaDialectFlavour.OsvEd4, deliveredB.Connection));
        Assert.Equal("AnswerCallResponse", (await client.ExpectResponseAsync<CstaAcknowledgement>(4)).Element);
        var establishedA = await client.ExpectEventAsync();
        var establishedB = await client.ExpectEventAsync();
        Assert.Equal((CstaEventType.Established, a, "5002"), (establishedA.Type, establishedA.MonitorCrossRefId, establishedA.SubjectDevice));
        Assert.Equal((CstaEventType.Established, b, "connected"), (establishedB.Type, establishedB.MonitorCrossRefId, establishedB.LocalConnectionInfo));

        await client.SendAsync(5, w => CstaXmlEncoder.WriteClearConnection(w, CstaDialectFlavour.OsvEd4, made.CallingDevice));
        Assert.Equal("ClearConnectionResponse", (await client.ExpectResponseAsync<CstaAcknowledgement>(5)).Element);
        var cleared = new[] { await client.ExpectEventAsync(), await client.ExpectEventAsync(), await client.ExpectEventAsync() };
        Assert.All(cleared, e => Assert.Equal(CstaEventType.ConnectionCleared, e.Type));
        Assert.Equal(
            [(a, "5001", "null"), (b, "5001", "connected"), (b, "5002", "null")],
            cleared.Select(e => (e.MonitorCrossRefId, e.Connection.DeviceId, e.LocalConnectionInfo!)));
    }

    [Fact]
    public async Task ErrorsEchoTheInvokeIdAndTheLinkKeepsServing()
    {
        await using var server = Start();
        await using var client = await CstaTestClient.ConnectAsync(server.LocalEndPoint);
        await client.AnswerStartupAsync();

        await client.SendAsync(21, w => CstaXmlEncoder.WriteMonitorStart(w, CstaDialectFlavour.OsvEd4, "1234"));
        var unknown = await client.ExpectResponseAsync<CstaErrorResponse>(21);
        Assert.Equal(("operation", "invalidDeviceID"), (unknown.Category, unknown.Value));

        await client.SendAsync(22, w => CstaXmlEncoder.WriteAnswerCall(w, CstaDialectFlavour.OsvEd4, new CstaConnectionId("00", "5001")));
        Assert.Equal("invalidConnectionID", (await client.ExpectResponseAsync<CstaErrorResponse>(22)).Value);

        await client.SendAsync(23, w => CstaXmlEncoder.WriteTransferCall(w, CstaDialectFlavour.OsvEd4, new("1", "5001"), new("2", "5001")));
        Assert.Equal("invalidConnectionID", (await client.ExpectResponseAsync<CstaErrorResponse>(23)).Value);

        await client.SendRawBodyAsync(23, Encoding.UTF8.GetBytes("<GroupPickupCall><newDestination>5001</newDestination></GroupPickupCall>"));
        Assert.Equal("serviceNotSupported", (await client.ExpectResponseAsync<CstaErrorResponse>(23)).Value);

        await client.SendRawBodyAsync(24, Encoding.UTF8.GetBytes("<MakeCall><callingDevice>5001</MakeCall>"));
        Assert.Equal("generic", (await client.ExpectResponseAsync<CstaErrorResponse>(24)).Value);

        await client.SendRawBodyAsync(25, Encoding.UTF8.GetBytes("<MakeCall><callingDevice>5001</callingDevice></MakeCall>"));
        Assert.Equal("generic", (await client.ExpectResponseAsync<CstaErrorResponse>(25)).Value);

        Assert.NotEmpty(await client.MonitorAsync(26, "5001"));
    }

    [Fact]
    public async Task EventsGoOnlyToTheLinkThatMonitorsTheDevice()
    {
        await using var server = Start();
        await using var first = await CstaTestClient.ConnectAsync(server.LocalEndPoint);
        await using var second = await CstaTestClient.ConnectAsync(server.LocalEndPoint);
        await first.AnswerStartupAsync();
        await second.AnswerStartupAsync();
        var a = await first.MonitorAsync(1, "5001");
        var b = await second.MonitorAsync(1, "5002");
        Assert.Equal(2, server.LinkCount);

        await first.SendAsync(2, w => CstaXmlEncoder.WriteMakeCall(w, CstaDialectFlavour.OsvEd4, "5001", "5002"));
        await first.ExpectResponseAsync<CstaMakeCallResponse>(2);
        Assert.Equal([CstaEventType.ServiceInitiated, CstaEventType.Originated, CstaEventType.Delivered],
            [(await first.ExpectEventAsync()).Type, (await first.ExpectEventAsync()).Type, (await first.ExpectEventAsync()).Type]);
        var atB = await second.ExpectEventAsync();
        Assert.Equal((CstaEventType.Delivered, b, "alerting"), (atB.Type, atB.MonitorCrossRefId, atB.LocalConnectionInfo));

        // The second link's monitor ends with its link: later events reach the first link only.
        await second.DisposeAsync();
        await first.SendAsync(3, w => CstaXmlEncoder.WriteClearConnection(w, CstaDialectFlavour.OsvEd4, atB.Connection with { DeviceId = "5001" }));
        await first.ExpectResponseAsync<CstaAcknowledgement>(3);
        var cleared = await first.ExpectEventAsync();
        Assert.Equal((CstaEventType.ConnectionCleared, a), (cleared.Type, cleared.MonitorCrossRefId));
    }

    [Fact]
    public async Task ScriptedInboundCallsReachTheRoutePointInVirtualTime()
    {
        var clock = new ManualTimeProvider();
        await using var server = Start(NoHeartbeat, clock);
        await using var client = await CstaTestClient.ConnectAsync(server.LocalEndPoint);
        await client.AnswerStartupAsync();
        var crossRef = await client.MonitorAsync(1, "3001");
        server.Invoke(m => m.StartInboundTraffic(
            new InboundTrafficOptions { TargetDn = "3001", CallsPerSecond = 0.2, AnswerDelay = TimeSpan.FromSeconds(3), HoldTime = TimeSpan.FromSeconds(20) }));

        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(1, server.RunDue());
        var delivered = await client.ExpectEventAsync();
        Assert.Equal((CstaEventType.Delivered, crossRef, "302118840100", "3001", "alerting"),
            (delivered.Type, delivered.MonitorCrossRefId, delivered.CallingDevice, delivered.CalledDevice, delivered.LocalConnectionInfo));
        clock.Advance(TimeSpan.FromSeconds(3));
        server.RunDue();
        var established = await client.ExpectEventAsync();
        Assert.Equal((CstaEventType.Established, delivered.Connection), (established.Type, established.Connection));
    }

    [Fact]
    public async Task SlowResponsesStillComeBeforeTheirEvents()
    {
        await using var server = Start(NoHeartbeat with { ResponseDelay = TimeSpan.FromMilliseconds(30) });
        await using var client = await CstaTestClient.ConnectAsync(server.LocalEndPoint);
        await client.AnswerStartupAsync();
        await client.MonitorAsync(1, "5001");
        await client.SendAsync(2, w => CstaXmlEncoder.WriteMakeCall(w, CstaDialectFlavour.OsvEd4, "5001", "7001"));
        await client.ExpectResponseAsync<CstaMakeCallResponse>(2);
        Assert.Equal(CstaEventType.ServiceInitiated, (await client.ExpectEventAsync()).Type);
        Assert.Equal(CstaEventType.Originated, (await client.ExpectEventAsync()).Type);
        var delivered = await client.ExpectEventAsync();
        Assert.Equal((CstaEventType.Delivered, "7001"), (delivered.Type, delivered.SubjectDevice));
    }

    [Fact]
    public async Task HeartbeatSendsSystemStatusWithFreshInvokeIds()
    {
        await using var server = Start(new CstaSimulatorOptions { HeartbeatInterval = TimeSpan.FromMilliseconds(50) });
        await using var client = await CstaTestClient.ConnectAsync(server.LocalEndPoint);
        var startup = await client.AnswerStartupAsync();
        var (first, status1) = await client.ExpectAsync();
        var (second, status2) = await client.ExpectAsync();
        Assert.Equal("normal", Assert.IsType<CstaSystemStatus>(status1).Status);
        Assert.Equal("normal", Assert.IsType<CstaSystemStatus>(status2).Status);
        Assert.Equal([startup + 1, startup + 2], [first, second]);
    }

    [Fact]
    public async Task FaultsReachTheGatewayAsTheyWouldFromASwitch()
    {
        await using var server = Start();
        await using var client = await CstaTestClient.ConnectAsync(server.LocalEndPoint);
        await client.AnswerStartupAsync();

        await server.SendSystemStatusAsync("messagesLost");
        Assert.True(Assert.IsType<CstaSystemStatus>((await client.ExpectAsync()).Message).IsHardwareError);
        await server.SendSystemStatusAsync("disabled");
        Assert.Equal("disabled", Assert.IsType<CstaSystemStatus>((await client.ExpectAsync()).Message).Status);

        await server.StallAsync(TimeSpan.FromMilliseconds(100));
        await client.SendAsync(1, w => CstaXmlEncoder.WriteSnapshotDevice(w, CstaDialectFlavour.OsvEd4, "5001"));
        Assert.Empty((await client.ExpectResponseAsync<CstaSnapshotDeviceResponse>(1)).Items);

        await server.InjectGarbageAsync(new byte[] { 0x47, 0x41, 0x52, 0x42 });
        var garbage = await Assert.ThrowsAsync<PbxFramingException>(client.ReceiveAsync);
        Assert.Equal("bad-header", garbage.Cause);
    }

    [Fact]
    public async Task AWrongLengthAndADisconnectAreSeenByTheGateway()
    {
        await using var server = Start();
        await using (var client = await CstaTestClient.ConnectAsync(server.LocalEndPoint))
        {
            await client.AnswerStartupAsync();
            await server.SendFrameWithWrongLengthAsync(-3);
            // The frame ends 3 bytes early: the XML is cut, and the 3 bytes left start a bad header.
            await Assert.ThrowsAsync<CstaDialectException>(client.ReceiveAsync);
            await Assert.ThrowsAsync<PbxFramingException>(client.ReceiveAsync);
        }

        await using var other = await CstaTestClient.ConnectAsync(server.LocalEndPoint);
        await other.AnswerStartupAsync();
        await server.DisconnectAllAsync();
        // The gateway sees the end of the stream, or a reset when the close found unread bytes in the simulator.
        try
        {
            Assert.Null(await other.ReceiveAsync());
        }
        catch (IOException ex)
        {
            Assert.IsType<System.Net.Sockets.SocketException>(ex.InnerException);
        }

        Assert.Equal(0, server.LinkCount);
    }
}
