using CtiGateway.Protocol;

namespace CtiGateway.Server.Tests;

public sealed class LifecycleTests
{
    [Fact]
    public async Task Start_LogsTheListeningLine_AndBindsTheChosenPort()
    {
        await using var server = await TestServer.StartAsync();

        Assert.NotEqual(0, server.EndPoint.Port);
        Assert.Equal(server.EndPoint, server.Server.LocalEndPoint);
        var line = await server.Logs.WaitForAsync(1000);
        Assert.StartsWith($"T-Library server listening on 127.0.0.1:{server.EndPoint.Port}", line.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("ready", line.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Publish_StampsTheEvent_AndDeliversOneEncodingToEveryClientRegisteredOnTheDn()
    {
        await using var server = await TestServer.StartAsync();
        await using var a = await server.ConnectOnDnAsync("5001");
        await using var b = await server.ConnectOnDnAsync("5001");
        await using var other = await server.ConnectOnDnAsync("5002");

        var evt = new TlibMessage(MessageType.EventRinging) { ThisDN = "5001", ConnID = new ConnId(7), CallType = CallType.Inbound };
        var sequence = server.Server.Publish(evt, "5001");

        Assert.Equal(sequence, evt.EventSequenceNumber);
        var gotA = await a.ReceiveAsync();
        var gotB = await b.ReceiveAsync();
        Assert.Equal(sequence, gotA.EventSequenceNumber);
        Assert.Equal(sequence, gotB.EventSequenceNumber);
        Assert.Equal(new ConnId(7), gotA.ConnID);
        Stamps.AssertStamped(gotA, server.Server);
        Assert.Equal(MessageType.EventServerInfo, (await other.RequestAsync(new TlibMessage(MessageType.RequestQueryServer))).Type);
        Assert.Empty(other.Unsolicited);

        // Nobody on the DN: the event is stamped and dropped.
        var nobody = server.Server.Publish(new TlibMessage(MessageType.EventRinging) { ThisDN = "5999" }, "5999");
        Assert.True(nobody > sequence);
    }

    [Fact]
    public async Task Publish_WithoutDn_ReachesEveryClientThatAcceptsTheEvent()
    {
        await using var server = await TestServer.StartAsync();
        await using var a = await server.ConnectRegisteredAsync();
        await using var b = await server.ConnectRegisteredAsync();
        await using var masked = await server.ConnectRegisteredAsync();
        var setMask = new TlibMessage(MessageType.RequestSetInputMask);
        setMask.Set(AttributeId.InputMask, TlibMask.All().Set(MessageType.EventHardwareError, false));
        await masked.RequestAsync(setMask);

        var sequence = server.Server.Publish(new TlibMessage(MessageType.EventHardwareError), null);

        Assert.Equal(sequence, (await a.ReceiveAsync()).EventSequenceNumber);
        Assert.Equal(sequence, (await b.ReceiveAsync()).EventSequenceNumber);
        Assert.Equal(MessageType.EventServerInfo, (await masked.RequestAsync(new TlibMessage(MessageType.RequestQueryServer))).Type);
        Assert.Empty(masked.Unsolicited);
        await TestServer.EventuallyAsync(() => server.Server.EventsSent >= 5, "every event frame is counted");
    }

    [Fact]
    public async Task SetLinkState_BroadcastsLinkEventsOnChange_AndUnlocksSwitchRequests()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = await server.ConnectRegisteredAsync();

        server.Server.SetLinkState("tel_sw", connected: true);
        var up = await client.ReceiveAsync();
        server.Server.SetLinkState("tel_sw", connected: true);
        server.Server.SetLinkState("tel_sw", connected: false, "CTI link lost");
        var down = await client.ReceiveAsync();

        Assert.Equal(MessageType.EventLinkConnected, up.Type);
        Assert.Equal("tel_sw", up.Extensions!.TryGetValue("switch", out var s) ? s.AsString() : null);
        Assert.False(up.Has(AttributeId.ReferenceID));
        Stamps.AssertStamped(up, server.Server);
        Assert.Equal(MessageType.EventLinkDisconnected, down.Type);
        Assert.Equal("CTI link lost", down.ErrorMessage);
        Assert.Equal(new Dictionary<string, bool> { ["tel_sw"] = false }, server.Server.LinkStates);
        await server.Logs.WaitForAsync(1017, e => e.Message.Contains("CTI link lost", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetClients_ReportsIdEndpointApplicationDnsAndQueue()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = await server.ConnectOnDnAsync("5010", "wallboard");
        await client.RequestAsync(new TlibMessage(MessageType.RequestRegisterAddress) { ThisDN = "5009" });

        var snapshot = Assert.Single(server.Server.GetClients());

        Assert.True(snapshot.Id > 0);
        Assert.Equal(client.Socket.LocalEndPoint, snapshot.RemoteEndPoint);
        Assert.Equal("wallboard", snapshot.ApplicationName);
        Assert.Equal(["5009", "5010"], snapshot.RegisteredDNs);
        Assert.True(snapshot.QueueBytes >= 0);
        Assert.False(snapshot.Tls);
        Assert.Equal(TimeSpan.Zero, snapshot.AddpTimeout);
        Assert.Equal(2, server.Server.RegisteredDnCount);
        Assert.True(server.Server.RequestsReceived >= 3);
        Assert.Equal(1, server.Server.ClientsAccepted);
    }

    [Fact]
    public async Task ClientDisconnect_RemovesItFromEveryDn()
    {
        await using var server = await TestServer.StartAsync();
        var client = await server.ConnectOnDnAsync("5011");
        await client.DisposeAsync();

        await TestServer.EventuallyAsync(() => server.Server.ClientCount == 0, "the client is gone");
        Assert.Equal(0, server.Server.RegisteredDnCount);
        await server.Logs.WaitForAsync(1003, e => e.Message.Contains("peer closed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Stop_ClosesClientsCleanlyAfterWritingWhatIsQueued()
    {
        var server = await TestServer.StartAsync();
        await using var client = await server.ConnectOnDnAsync("5012");
        server.Server.Publish(new TlibMessage(MessageType.EventUserEvent) { ThisDN = "5012" }, "5012");

        using var cts = TestClient.Timeout();
        await server.Server.StopAsync(cts.Token);

        var rest = await client.ReadUntilClosedAsync();
        Assert.Equal(MessageType.EventUserEvent, Assert.Single(rest).Type);
        Assert.Equal(0, server.Server.ClientCount);
        await server.Logs.WaitForAsync(1001);
        await server.DisposeAsync();
    }

    [Fact]
    public async Task AcceptLoopProgress_IsStampedWhileTheLoopWaits()
    {
        await using var server = await TestServer.StartAsync();
        var first = server.Server.LastAcceptLoopProgress;

        await TestServer.EventuallyAsync(() => server.Server.LastAcceptLoopProgress > first, "the watchdog stamp moves");
        Assert.True(DateTimeOffset.UtcNow - server.Server.LastAcceptLoopProgress < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task LargeEvents_OverTheWriteBatch_ArriveWhole()
    {
        await using var server = await TestServer.StartAsync(o => o.MaxFrameSize = 1024 * 1024);
        await using var client = await server.ConnectOnDnAsync("5013");
        var big = new KeyValueList().Add("blob", new byte[200_000]).Add("tail", "end");

        for (var i = 0; i < 3; i++)
        {
            server.Server.Publish(new TlibMessage(MessageType.EventUserEvent) { ThisDN = "5013", UserData = big }, "5013");
            server.Server.Publish(new TlibMessage(MessageType.EventUserEvent) { ThisDN = "5013", UserData = new KeyValueList().Add("i", i) }, "5013");
        }

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(big, (await client.ReceiveAsync()).UserData);
            Assert.Equal(i, (await client.ReceiveAsync()).UserData!.TryGetValue("i", out var v) ? v.AsInt() : -1);
        }
    }

    [Fact]
    public async Task Publish_OfAnEventOverTheMaximumFrameSize_Throws()
    {
        await using var server = await TestServer.StartAsync(o => o.MaxFrameSize = 4096);
        await using var client = await server.ConnectOnDnAsync("5014");

        var ex = Assert.Throws<TlibProtocolException>(() =>
            server.Server.Publish(new TlibMessage(MessageType.EventUserEvent) { ThisDN = "5014", UserData = new KeyValueList().Add("blob", new byte[8000]) }, "5014"));

        Assert.Equal(ProtocolErrorKind.FrameTooLarge, ex.Kind);
        Assert.Equal(MessageType.EventServerInfo, (await client.RequestAsync(new TlibMessage(MessageType.RequestQueryServer))).Type);
    }
}
