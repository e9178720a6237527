using CtiGateway.Pbx.Csta;
using CtiGateway.Pbx.Links;

namespace CtiGateway.Pbx.Tests.Links;

public sealed class SwitchLinkGroupTests
{
    [Fact]
    public async Task FailsOverToTheNextLinkAndReissuesMonitorStartThroughTheCallback()
    {
        using var primary = new FakeSwitch();
        using var secondary = new FakeSwitch();
        var linkA = new CstaTcpLink(new TcpClientTransport("127.0.0.1", primary.Port), LinkHarness.Options("a"));
        var linkB = new CstaTcpLink(new TcpClientTransport("127.0.0.1", secondary.Port), LinkHarness.Options("b"));
        var changes = new Recorder<ActiveLinkChange>();
        var group = new SwitchLinkGroup("tel_sw", [new SwitchLinkMember(linkB, 2), new SwitchLinkMember(linkA, 1)])
        {
            OnActiveLinkChanged = async (change, ct) =>
            {
                if (change.Current is { } current)
                {
                    await current.SendRequestAsync(b => CstaXmlEncoder.WriteMonitorStart(b, CstaDialectFlavour.OsvEd4, "5001"), ct);
                    await current.SendRequestAsync(b => CstaXmlEncoder.WriteSnapshotDevice(b, CstaDialectFlavour.OsvEd4, "5001"), ct);
                }

                changes.Add(change);
            },
        };

        using var stop = new CancellationTokenSource();
        var run = group.RunAsync(stop.Token);
        using var connA = await primary.AcceptAsync();
        using var connB = await secondary.AcceptAsync();

        var onA = await changes.NextAsync(c => ReferenceEquals(c.Current, linkA));
        Assert.Equal("tel_sw", onA.SwitchName);
        Assert.Same(linkA, group.ActiveLink);
        Assert.Contains("<MonitorStart", (await connA.ReadFrameAsync()).Xml, StringComparison.Ordinal);
        Assert.Contains("<SnapshotDevice", (await connA.ReadFrameAsync()).Xml, StringComparison.Ordinal);

        primary.Stop();
        connA.Dispose();
        var onB = await changes.NextAsync(c => ReferenceEquals(c.Current, linkB));
        Assert.Same(linkA, onB.Previous);
        Assert.Contains("link a down", onB.Reason, StringComparison.Ordinal);
        Assert.Same(linkB, group.ActiveLink);

        // B may have come up first and been active briefly: each activation re-issued MonitorStart + SnapshotDevice.
        var activationsOfB = changes.All.Count(c => ReferenceEquals(c.Current, linkB));
        for (var i = 0; i < activationsOfB; i++)
        {
            Assert.Contains("<MonitorStart", (await connB.ReadFrameAsync()).Xml, StringComparison.Ordinal);
            Assert.Contains("<SnapshotDevice", (await connB.ReadFrameAsync()).Xml, StringComparison.Ordinal);
        }

        var id = await group.SendRequestAsync(b => CstaXmlEncoder.WriteSystemRegister(b, CstaDialectFlavour.OsvEd4), TestContext.Current.CancellationToken);
        var register = await connB.ReadFrameAsync();
        Assert.Equal(id, register.InvokeId);
        Assert.Contains("<SystemRegister", register.Xml, StringComparison.Ordinal);

        await connB.SendFrameAsync(CstaWire.EventInvokeId, FakeSwitch.Delivered("C1"));
        var message = await group.Messages.ReadAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(FakeSwitch.Timeout, TestContext.Current.CancellationToken);
        Assert.Equal("b", message.LinkName);

        await stop.CancelAsync();
        await run.WaitAsync(FakeSwitch.Timeout, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task NoLinkUpMeansNoActiveLinkAndSendFailsClearly()
    {
        int port;
        using (var probe = new FakeSwitch())
        {
            port = probe.Port;
        }

        var link = new CstaTcpLink(new TcpClientTransport("127.0.0.1", port), LinkHarness.Options("only"));
        var group = new SwitchLinkGroup("tel_sw_1", [new SwitchLinkMember(link, 1)]);
        Assert.Null(group.ActiveLink);
        Assert.Null(group.Select(null));
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(
            async () => await group.SendRequestAsync(b => CstaXmlEncoder.WriteSystemRegister(b, CstaDialectFlavour.OsvEd4), TestContext.Current.CancellationToken));
        Assert.Contains("tel_sw_1 has no link up", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnreadMergedChannelHoldsBackTheLinkInsteadOfGrowing()
    {
        using var pbx = new FakeSwitch();
        var link = new CstaTcpLink(new TcpClientTransport("127.0.0.1", pbx.Port), LinkHarness.Options("a") with { MessageQueueCapacity = 3 });
        var group = new SwitchLinkGroup("tel_sw", [new SwitchLinkMember(link, 1)], messageQueueCapacity: 2);
        using var stop = new CancellationTokenSource();
        var run = group.RunAsync(stop.Token);
        using var connection = await pbx.AcceptAsync();
        for (var i = 0; i < 20; i++)
        {
            await connection.SendFrameAsync(CstaWire.EventInvokeId, FakeSwitch.Delivered("C" + i));
        }

        // Nobody reads the group: 2 in the merged channel, 1 held by the pump, 3 in the link's channel and 1 in the
        // link's read loop waiting to be queued. The other 13 frames stay unread in the socket.
        var deadline = DateTime.UtcNow + FakeSwitch.Timeout;
        while (!(group.Messages.Count == 2 && link.Counters.FramesIn == 7) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        Assert.Equal((2, 7L), (group.Messages.Count, link.Counters.FramesIn));

        for (var i = 0; i < 20; i++)
        {
            var message = await group.Messages.ReadAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(FakeSwitch.Timeout, TestContext.Current.CancellationToken);
            Assert.Equal("C" + i, Assert.IsType<CstaCallEvent>(message.Message).Connection.CallId);
            Assert.True(group.Messages.Count <= 2);
        }

        Assert.Equal(20, link.Counters.FramesIn);
        await stop.CancelAsync();
        await run.WaitAsync(FakeSwitch.Timeout, TestContext.Current.CancellationToken);
    }

    [Fact]
    public void RejectsEmptyGroupsAndDuplicateLinkNames()
    {
        var transport = new TcpClientTransport("127.0.0.1", 1);
        var a = new CstaTcpLink(transport, LinkHarness.Options("x"));
        var b = new CstaTcpLink(transport, LinkHarness.Options("x"));
        Assert.Throws<ArgumentException>(() => new SwitchLinkGroup("tel_sw", []));
        var ex = Assert.Throws<ArgumentException>(() => new SwitchLinkGroup("tel_sw", [new SwitchLinkMember(a, 1), new SwitchLinkMember(b, 2)]));
        Assert.Contains("'x' twice", ex.Message, StringComparison.Ordinal);
    }
}
