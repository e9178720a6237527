using System.Buffers.Binary;
using System.Net.Sockets;
using CtiGateway.Pbx.Csta;
using CtiGateway.Pbx.Links;

namespace CtiGateway.Pbx.Tests.Links;

public sealed class CstaTcpLinkTests
{
    [Fact]
    public async Task ConnectsAnswersSystemStatusWithSameInvokeIdAndDeliversEventsInOrder()
    {
        using var fake = new FakeSwitch();
        await using var harness = new LinkHarness(new TcpClientTransport("127.0.0.1", fake.Port), LinkHarness.Options());
        using var conn = await fake.AcceptAsync();
        var up = await harness.States.NextAsync();
        Assert.Equal(LinkState.Up, up.State);
        Assert.Equal("link1", up.LinkName);

        await conn.SendFrameAsync(42, FakeSwitch.SystemStatus("normal"));
        var (invokeId, xml) = await conn.ReadFrameAsync();
        Assert.Equal(42, invokeId);
        Assert.StartsWith("<?xml", xml, StringComparison.Ordinal);
        Assert.Contains("<SystemStatusResponse xmlns=\"" + CstaNamespaces.Ed4 + "\"/>", xml, StringComparison.Ordinal);

        for (var i = 1; i <= 5; i++)
        {
            await conn.SendFrameAsync(CstaWire.EventInvokeId, FakeSwitch.Delivered("C" + i));
        }

        var status = await harness.NextMessageAsync();
        Assert.Equal((42, "SystemStatus"), (status.InvokeId, status.Element));
        for (var i = 1; i <= 5; i++)
        {
            var message = await harness.NextMessageAsync();
            Assert.Equal(CstaWire.EventInvokeId, message.InvokeId);
            Assert.Equal("C" + i, Assert.IsType<CstaCallEvent>(message.Message).Connection.CallId);
        }

        Assert.Equal(6, harness.Link.Counters.FramesIn);
        Assert.Equal(1, harness.Link.Counters.FramesOut);
        Assert.Equal(0, harness.Link.Counters.HardwareErrors);
        Assert.Equal(LinkState.Up, harness.Link.State);
    }

    [Fact]
    public async Task RequestsGetInvokeIdsBelow9999AndReachTheSwitch()
    {
        using var fake = new FakeSwitch();
        await using var harness = new LinkHarness(new TcpClientTransport("127.0.0.1", fake.Port), LinkHarness.Options());
        using var conn = await fake.AcceptAsync();
        await harness.States.NextAsync(s => s.State == LinkState.Up);

        var id = await harness.Link.SendRequestAsync(b => CstaXmlEncoder.WriteMonitorStart(b, CstaDialectFlavour.OsvEd4, "5001"), TestContext.Current.CancellationToken);
        var (invokeId, xml) = await conn.ReadFrameAsync();
        Assert.Equal(id, invokeId);
        Assert.InRange(invokeId, 0, 9998);
        Assert.Contains("<MonitorStart", xml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SystemStatusMessagesLostBecomesAHardwareErrorAndIsStillAnswered()
    {
        using var fake = new FakeSwitch();
        await using var harness = new LinkHarness(new TcpClientTransport("127.0.0.1", fake.Port), LinkHarness.Options());
        using var conn = await fake.AcceptAsync();
        await conn.SendFrameAsync(7, FakeSwitch.SystemStatus("messagesLost"));
        Assert.Equal(7, (await conn.ReadFrameAsync()).InvokeId);
        var error = await harness.Errors.NextAsync();
        Assert.Equal(("link1", "messagesLost", "SystemStatus/systemStatus"), (error.LinkName, error.Cause, error.Element));
        Assert.Equal(1, harness.Link.Counters.HardwareErrors);
        Assert.Same(error, harness.Link.Counters.LastError);
    }

    [Fact]
    public async Task UnparseableXmlIsAHardwareErrorAndLaterFramesStillArrive()
    {
        using var fake = new FakeSwitch();
        await using var harness = new LinkHarness(new TcpClientTransport("127.0.0.1", fake.Port), LinkHarness.Options());
        using var conn = await fake.AcceptAsync();
        await conn.SendFrameAsync(CstaWire.EventInvokeId, "<DeliveredEvent><unclosed>");
        await conn.SendFrameAsync(CstaWire.EventInvokeId, "<DeliveredEvent><monitorCrossRefID>1</monitorCrossRefID></DeliveredEvent>");
        await conn.SendFrameAsync(CstaWire.EventInvokeId, FakeSwitch.Delivered("C9"));

        var bad = await harness.Errors.NextAsync();
        Assert.Equal("bad-xml", bad.Cause);
        Assert.StartsWith(Convert.ToHexString("<DeliveredEvent>"u8), bad.BytesHex, StringComparison.Ordinal);
        var missing = await harness.Errors.NextAsync();
        Assert.Equal(("missing-element", "DeliveredEvent/connection"), (missing.Cause, missing.Element));
        var message = await harness.NextMessageAsync();
        Assert.Equal("C9", Assert.IsType<CstaCallEvent>(message.Message).Connection.CallId);
    }

    [Fact]
    public async Task GarbageMidStreamIsReportedAndTheLinkResynchronisesAtTheNextHeader()
    {
        using var fake = new FakeSwitch();
        await using var harness = new LinkHarness(new TcpClientTransport("127.0.0.1", fake.Port), LinkHarness.Options());
        using var conn = await fake.AcceptAsync();
        await conn.SendFrameAsync(CstaWire.EventInvokeId, FakeSwitch.Delivered("C1"));
        await conn.SendRawAsync("GARBAGE!!"u8.ToArray());
        await conn.SendFrameAsync(CstaWire.EventInvokeId, FakeSwitch.Delivered("C2"));
        await conn.SendFrameAsync(CstaWire.EventInvokeId, FakeSwitch.Delivered("C3"));

        for (var i = 1; i <= 3; i++)
        {
            var message = await harness.NextMessageAsync();
            Assert.Equal("C" + i, Assert.IsType<CstaCallEvent>(message.Message).Connection.CallId);
        }

        var error = await harness.Errors.NextAsync();
        Assert.Equal("bad-header", error.Cause);
        Assert.Equal("link1", error.LinkName);
        Assert.StartsWith(Convert.ToHexString("GA"u8), error.BytesHex, StringComparison.Ordinal);
        Assert.Single(harness.Errors.All);
        Assert.Equal(9, harness.Link.Counters.BytesSkipped);
        Assert.Equal(LinkState.Up, harness.Link.State);
    }

    [Fact]
    public async Task ALengthOverTheMaximumDropsTheLinkReportsBytesLostAndReconnects()
    {
        using var fake = new FakeSwitch();
        var options = LinkHarness.Options() with { MaxFrameSize = 512 };
        await using var harness = new LinkHarness(new TcpClientTransport("127.0.0.1", fake.Port), options);
        using var conn = await fake.AcceptAsync();
        await harness.States.NextAsync(s => s.State == LinkState.Up);

        var lying = new byte[4000];
        BinaryPrimitives.WriteUInt16BigEndian(lying.AsSpan(2), 4000);
        "0001"u8.CopyTo(lying.AsSpan(4));
        lying.AsSpan(8).Fill((byte)'x');
        await conn.SendRawAsync([.. lying, .. FakeSwitchConnection.Frame(CstaWire.EventInvokeId, FakeSwitch.Delivered("C1"))]);

        var framing = await harness.Errors.NextAsync();
        Assert.Equal("length-over-maximum", framing.Cause);
        Assert.Equal(2, framing.Offset);
        var lost = await harness.Errors.NextAsync();
        Assert.Equal("bytes-lost", lost.Cause);
        Assert.Contains("bytes lost", lost.Detail, StringComparison.Ordinal);
        var down = await harness.States.NextAsync();
        Assert.Equal(LinkState.Down, down.State);
        Assert.Contains("maximum frame size 512", down.Reason, StringComparison.Ordinal);
        Assert.InRange(harness.Link.Counters.BytesSkipped, 513, 4000);
        await conn.WaitClosedAsync();

        using var again = await fake.AcceptAsync();
        Assert.Equal(LinkState.Up, (await harness.States.NextAsync()).State);
        Assert.Equal(1, harness.Link.Counters.Reconnects);
        await again.SendFrameAsync(CstaWire.EventInvokeId, FakeSwitch.Delivered("C2"));
        var message = await harness.NextMessageAsync();
        Assert.Equal("C2", Assert.IsType<CstaCallEvent>(message.Message).Connection.CallId);
    }

    [Fact]
    public async Task SwitchClosingGivesLinkDownThenReconnectsWithThePolicyDelays()
    {
        using var fake = new FakeSwitch();
        await using var harness = new LinkHarness(new TcpClientTransport("127.0.0.1", fake.Port), LinkHarness.Options());
        for (var i = 0; i < 4; i++)
        {
            using var conn = await fake.AcceptAsync();
            Assert.Equal(LinkState.Up, (await harness.States.NextAsync()).State);
            conn.Dispose();
            var down = await harness.States.NextAsync();
            Assert.Equal(LinkState.Down, down.State);
            Assert.Equal("connection closed by the switch", down.Reason);
        }

        var expected = LinkHarness.Options().ReconnectPolicyFactory!();
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(expected.NextDelay(), await harness.Delays.NextAsync());
        }

        Assert.InRange(harness.Link.Counters.Reconnects, 4, 5);
    }

    [Fact]
    public async Task RefusedConnectsAlsoFollowThePolicy()
    {
        int port;
        using (var probe = new FakeSwitch())
        {
            port = probe.Port;
        }

        await using var harness = new LinkHarness(new TcpClientTransport("127.0.0.1", port), LinkHarness.Options());
        var expected = LinkHarness.Options().ReconnectPolicyFactory!();
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(expected.NextDelay(), await harness.Delays.NextAsync());
        }

        Assert.Empty(harness.States.All);
        Assert.Contains($"tcp client to 127.0.0.1:{port} failed", harness.Link.LastConnectFailure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FramesAndGarbageArrivingOneByteAtATimeStillResynchronise()
    {
        using var fake = new FakeSwitch();
        await using var harness = new LinkHarness(new TcpClientTransport("127.0.0.1", fake.Port), LinkHarness.Options());
        using var conn = await fake.AcceptAsync();
        byte[] stream =
        [
            .. FakeSwitchConnection.Frame(CstaWire.EventInvokeId, FakeSwitch.Delivered("C1")),
            .. "xx\0X\0\0\u0001"u8,
            .. FakeSwitchConnection.Frame(CstaWire.EventInvokeId, FakeSwitch.Delivered("C2")),
        ];
        foreach (var b in stream)
        {
            await conn.SendRawAsync([b]);
        }

        await conn.SendFrameAsync(CstaWire.EventInvokeId, FakeSwitch.Delivered("C3"));
        for (var i = 1; i <= 3; i++)
        {
            var message = await harness.NextMessageAsync();
            Assert.Equal("C" + i, Assert.IsType<CstaCallEvent>(message.Message).Connection.CallId);
        }

        Assert.Equal("bad-header", (await harness.Errors.NextAsync()).Cause);
        Assert.Equal(7, harness.Link.Counters.BytesSkipped);
        Assert.Equal(LinkState.Up, harness.Link.State);
    }

    [Fact]
    public async Task KeepAliveMissesBringTheLinkDownAfterToleranceInRealTime()
    {
        // Real clock: a late check may catch up several intervals at once, so only the outcome is asserted here;
        // the exact sequence is asserted in virtual time below.
        using var fake = new FakeSwitch();
        var options = LinkHarness.Options() with { KeepAliveInterval = TimeSpan.FromMilliseconds(40), KeepAliveTolerance = 3 };
        await using var harness = new LinkHarness(new TcpClientTransport("127.0.0.1", fake.Port), options);
        using var conn = await fake.AcceptAsync();
        await harness.States.NextAsync(s => s.State == LinkState.Up);

        var down = await harness.States.NextAsync();
        Assert.Equal(LinkState.Down, down.State);
        Assert.Contains("keep-alive: 3 consecutive intervals", down.Reason, StringComparison.Ordinal);
        Assert.InRange(harness.Link.Counters.FramesOut, 0, 2);
        await conn.WaitClosedAsync();
    }

    [Fact]
    public async Task KeepAliveMissesInVirtualTimeGoDownExactlyAtTolerance()
    {
        using var fake = new FakeSwitch();
        var time = new VirtualTimeProvider();
        var options = LinkHarness.Options() with { KeepAliveInterval = TimeSpan.FromSeconds(10), KeepAliveTolerance = 3, TimeProvider = time };
        await using var harness = new LinkHarness(new TcpClientTransport("127.0.0.1", fake.Port), options);
        using var conn = await fake.AcceptAsync();
        await harness.States.NextAsync(s => s.State == LinkState.Up);

        await time.AdvanceWhenArmedAsync(TimeSpan.FromSeconds(9));
        await time.AdvanceWhenArmedAsync(TimeSpan.FromSeconds(1));
        Assert.Contains("<SystemStatus", (await conn.ReadFrameAsync()).Xml, StringComparison.Ordinal);
        Assert.Equal(1, harness.Link.KeepAliveMisses);
        await time.AdvanceWhenArmedAsync(TimeSpan.FromSeconds(10));
        Assert.Contains("<SystemStatus", (await conn.ReadFrameAsync()).Xml, StringComparison.Ordinal);
        Assert.Equal(LinkState.Up, harness.Link.State);
        await time.AdvanceWhenArmedAsync(TimeSpan.FromSeconds(10));
        var down = await harness.States.NextAsync();
        Assert.Equal(LinkState.Down, down.State);
        Assert.Contains("keep-alive: 3 consecutive intervals of 00:00:10", down.Reason, StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 30, TimeSpan.Zero), down.Time);
        await conn.WaitClosedAsync();
    }

    [Fact]
    public async Task AnsweredKeepAlivesKeepTheLinkUpAndAreNotDeliveredUpward()
    {
        using var fake = new FakeSwitch();
        var time = new VirtualTimeProvider();
        var options = LinkHarness.Options() with { KeepAliveInterval = TimeSpan.FromSeconds(10), KeepAliveTolerance = 2, TimeProvider = time };
        await using var harness = new LinkHarness(new TcpClientTransport("127.0.0.1", fake.Port), options);
        using var conn = await fake.AcceptAsync();
        await harness.States.NextAsync(s => s.State == LinkState.Up);
        for (var i = 0; i < 6; i++)
        {
            await time.AdvanceWhenArmedAsync(TimeSpan.FromSeconds(10));
            var (invokeId, _) = await conn.ReadFrameAsync();
            await conn.SendFrameAsync(invokeId, $"<SystemStatusResponse xmlns=\"{CstaNamespaces.Ed4}\"/>");
            await conn.SendFrameAsync(CstaWire.EventInvokeId, FakeSwitch.Delivered("C" + i));

            // The event is read after the answer, so the answer has been counted before time moves on.
            var message = await harness.NextMessageAsync();
            Assert.Equal("C" + i, Assert.IsType<CstaCallEvent>(message.Message).Connection.CallId);
            Assert.Equal(0, harness.Link.KeepAliveMisses);
            await time.AdvanceWhenArmedAsync(TimeSpan.FromSeconds(10));
        }

        Assert.Equal(LinkState.Up, harness.Link.State);
        Assert.DoesNotContain(harness.States.All, s => s.State == LinkState.Down);
    }

    [Fact]
    public async Task ServerTransportAcceptsADialInSwitch()
    {
        using var transport = new TcpServerTransport("127.0.0.1", 0);
        var endpoint = transport.LocalEndPoint;
        await using var harness = new LinkHarness(transport, LinkHarness.Options());
        using var client = new TcpClient();
        await client.ConnectAsync(endpoint.Address, endpoint.Port, TestContext.Current.CancellationToken).AsTask().WaitAsync(FakeSwitch.Timeout, TestContext.Current.CancellationToken);
        using var conn = new FakeSwitchConnection(client);
        await conn.SendFrameAsync(1, FakeSwitch.SystemStatus("normal"));
        var (invokeId, xml) = await conn.ReadFrameAsync();
        Assert.Equal(1, invokeId);
        Assert.Contains("SystemStatusResponse", xml, StringComparison.Ordinal);
        Assert.Equal(LinkState.Up, (await harness.States.NextAsync()).State);

        conn.Dispose();
        Assert.Equal(LinkState.Down, (await harness.States.NextAsync()).State);
        using var second = new TcpClient();
        await second.ConnectAsync(endpoint.Address, endpoint.Port, TestContext.Current.CancellationToken).AsTask().WaitAsync(FakeSwitch.Timeout, TestContext.Current.CancellationToken);
        using var conn2 = new FakeSwitchConnection(second);
        await conn2.SendFrameAsync(2, FakeSwitch.SystemStatus("normal"));
        Assert.Equal(2, (await conn2.ReadFrameAsync()).InvokeId);
        Assert.Equal(LinkState.Up, (await harness.States.NextAsync()).State);
    }

    [Fact]
    public async Task SendingWhileDownFailsClearly()
    {
        int port;
        using (var probe = new FakeSwitch())
        {
            port = probe.Port;
        }

        await using var harness = new LinkHarness(new TcpClientTransport("127.0.0.1", port), LinkHarness.Options());
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(
            async () => await harness.Link.SendRequestAsync(b => CstaXmlEncoder.WriteSystemRegister(b, CstaDialectFlavour.OsvEd4), TestContext.Current.CancellationToken));
        Assert.Contains("link1 is down", ex.Message, StringComparison.Ordinal);
    }
}
