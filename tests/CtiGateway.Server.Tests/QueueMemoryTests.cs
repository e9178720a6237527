using System.Net.Sockets;
using CtiGateway.Protocol;

namespace CtiGateway.Server.Tests;

/// <summary>TServer:ClientQueueBytes bounds the memory a client's queue holds, not the sum of the frames' lengths.</summary>
[Collection(nameof(MemorySensitive))]
public sealed class QueueMemoryTests
{
    [Fact]
    public void EncodedFramesCountTheirBuffersCapacity_AndSmallFramesGetABufferOfTheirOwnSize()
    {
        var codec = new TlibBinaryCodec(TlibWire.DefaultMaxFrameSize);
        var addp = FrameEncoder.EncodeAddp(codec, FrameKind.AddpReply, 7);
        Assert.Equal(12, addp.Length);
        Assert.Equal(16 + EncodedFrame.OverheadBytes, addp.HeldBytes);
        addp.Release();

        foreach (var padding in new[] { 0, 150, 400, 1500, 3000, 20_000 })
        {
            var evt = new TlibMessage(MessageType.EventUserEvent) { ThisDN = "5001", UserData = new KeyValueList().Add("pad", new string('x', padding)) };
            var frame = FrameEncoder.Encode(codec, evt, 1);
            var capacity = frame.HeldBytes - EncodedFrame.OverheadBytes;
            Assert.InRange(capacity, frame.Length, 2 * frame.Length);
            Assert.True(frame.Span.SequenceEqual(TestClient.Encode(evt)), $"the {frame.Length}-byte frame's bytes survive the copy");
            frame.Release();
        }
    }

    [Fact]
    public async Task QueueCountsHeldBytes_SoTwelveByteFramesFillTheBoundAtTheirRealCost()
    {
        // Ten queued ADDP replies hold 10 x (16 + 96) bytes: that is the bound, and the eleventh cuts the client. Counted
        // by length (12 bytes each) the queue would take 93 of them.
        const int PerFrame = 16 + EncodedFrame.OverheadBytes;
        await using var server = await TestServer.StartAsync(o =>
        {
            o.MaxFrameSize = 1024;
            o.ClientQueueBytes = 10 * PerFrame;
        });
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

        // Never started: nothing drains its queue, as with a client whose socket stopped taking bytes.
        var connection = new ClientConnection(server.Server, 999, socket, null, null, DateTimeOffset.UnixEpoch, TimeSpan.Zero);
        var codec = new TlibBinaryCodec(1024);
        for (uint i = 0; i < 10; i++)
        {
            Assert.True(connection.Enqueue(FrameEncoder.EncodeAddp(codec, FrameKind.AddpReply, i)));
            Assert.Equal((i + 1) * PerFrame, connection.QueuedBytes);
        }

        var eleventh = FrameEncoder.EncodeAddp(codec, FrameKind.AddpReply, 10);
        Assert.False(connection.Enqueue(eleventh));
        eleventh.Release();
        Assert.False(connection.IsOpen);
        Assert.Equal(10 * PerFrame, connection.QueuedBytes);
        Assert.Equal(1, server.Server.SlowClientsCut);
        var line = await server.Logs.WaitForAsync(1006);
        Assert.Contains($"{11 * PerFrame} bytes queued, over the limit of {10 * PerFrame} bytes", line.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClientFloodingAddpPollsAndNeverReading_IsCutAtTheBound_OthersAreServed()
    {
        const int Bound = 256 * 1024;
        await using var server = await TestServer.StartAsync(o => o.ClientQueueBytes = Bound);
        await using var good = await server.ConnectRegisteredAsync();
        await using var flooder = await TestClient.ConnectAsync(server.EndPoint, receiveBufferSize: 4096);
        var register = new TlibMessage(MessageType.RequestRegisterClient);
        register.Set(AttributeId.ProtocolVersion, TlibWire.ProtocolVersion);
        await flooder.RequestAsync(register);
        var flooderId = server.Server.GetClients().Max(c => c.Id);

        var polls = new System.Buffers.ArrayBufferWriter<byte>();
        for (uint i = 0; i < 4096; i++)
        {
            TlibMessageWriter.WriteAddp(FrameKind.AddpPoll, i, polls);
        }

        long maxQueued = 0;
        long sent = 0;
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        try
        {
            while (DateTime.UtcNow < until && server.Server.SlowClientsCut == 0)
            {
                await flooder.SendRawAsync(polls.WrittenMemory);
                sent += 4096;
                maxQueued = Math.Max(maxQueued, server.Server.GetClients().Where(c => c.Id == flooderId).Select(c => c.QueueBytes).DefaultIfEmpty(0).Max());
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException)
        {
            // Cut off while writing.
        }

        var cut = await server.Logs.WaitForAsync(1006);
        Assert.Contains($"Client {flooderId} ", cut.Message, StringComparison.Ordinal);
        Assert.Equal(1, server.Server.SlowClientsCut);
        Assert.True(maxQueued <= Bound, $"the queue reached {maxQueued} bytes");
        await TestServer.EventuallyAsync(() => server.Server.ClientCount == 1, "only the good client is left");
        Assert.Equal(MessageType.EventServerInfo, (await good.RequestAsync(new TlibMessage(MessageType.RequestQueryServer))).Type);
        Assert.True(sent > 0);
    }
}
