using CtiGateway.Protocol;

namespace CtiGateway.Server.Tests;

/// <summary>The registration and frame deadlines (TServer:RegistrationTimeoutSeconds, FrameTimeoutSeconds) on a virtual clock.</summary>
public sealed class DeadlineTests
{
    [Fact]
    public async Task UnregisteredConnection_IsToldWhyAndClosedAtTheDeadline_ARegisteredOneStays()
    {
        var time = new VirtualTimeProvider();
        await using var server = await TestServer.StartAsync(o => o.RegistrationTimeoutSeconds = 10, time);
        await using var registered = await server.ConnectRegisteredAsync();
        await using var idle = await server.ConnectAsync();
        await TestServer.EventuallyAsync(() => server.Server.ClientCount == 2, "both connections accepted");

        // Just before the deadline nothing happens: the idle connection still answers.
        await AdvanceAndWaitForTickAsync(server, time, TimeSpan.FromSeconds(9.9));
        Assert.Equal(MessageType.EventServerInfo, (await idle.RequestAsync(new TlibMessage(MessageType.RequestQueryServer))).Type);

        await AdvanceAndWaitForTickAsync(server, time, TimeSpan.FromSeconds(0.2));
        var messages = await idle.ReadUntilClosedAsync();
        var error = Assert.Single(messages);
        Assert.Equal(MessageType.EventError, error.Type);
        Assert.Equal(0, error.ReferenceID);
        Assert.Equal((int)ErrorCode.TERR_TIMEOUT, error.ErrorCode);
        Assert.Equal("Closed: no RequestRegisterClient within 10 s of connecting (TServer:RegistrationTimeoutSeconds); register first", error.ErrorMessage);

        var line = await server.Logs.WaitForAsync(1202);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, line.Level);
        Assert.Contains("no RequestRegisterClient within 10 s", line.Message, StringComparison.Ordinal);
        Assert.Equal(1, server.Server.RegistrationTimeouts);

        // The server reads what the peer still sends until the peer closes (the linger): close, then the reason is logged.
        idle.Socket.Close();
        await server.Logs.WaitForAsync(1003, e => e.Message.Contains("no RequestRegisterClient within 10 s", StringComparison.Ordinal));

        Assert.Equal(MessageType.EventServerInfo, (await registered.RequestAsync(new TlibMessage(MessageType.RequestQueryServer))).Type);
        Assert.Equal(1, server.Server.ClientCount);
    }

    [Fact]
    public async Task RegistrationWithAnUnsupportedProtocolVersion_DoesNotMeetTheDeadline()
    {
        var time = new VirtualTimeProvider();
        await using var server = await TestServer.StartAsync(o => o.RegistrationTimeoutSeconds = 5, time);
        await using var client = await server.ConnectAsync();
        var register = new TlibMessage(MessageType.RequestRegisterClient);
        register.Set(AttributeId.ProtocolVersion, "1.0");
        Assert.Equal((int)ErrorCode.TERR_PROTO_VERS, (await client.RequestAsync(register)).ErrorCode);

        await AdvanceAndWaitForTickAsync(server, time, TimeSpan.FromSeconds(5));
        var error = Assert.Single(await client.ReadUntilClosedAsync());
        Assert.Equal((int)ErrorCode.TERR_TIMEOUT, error.ErrorCode);
    }

    [Fact]
    public async Task FrameNotCompletedWithinTheDeadlineOfItsFirstByte_IsRejectedAndTheConnectionClosed()
    {
        var time = new VirtualTimeProvider();
        await using var server = await TestServer.StartAsync(o => o.FrameTimeoutSeconds = 30, time);
        await using var client = await server.ConnectRegisteredAsync();
        var connection = Assert.Single(server.Server.Connections);
        var frame = TestClient.Encode(new TlibMessage(MessageType.RequestQueryServer) { ReferenceID = 5 });

        await client.SendRawAsync(frame.AsMemory(0, 5));
        await TestServer.EventuallyAsync(() => connection.IncompleteFrameBytes == 5, "the server holds 5 bytes of the frame");

        // More bytes of the same frame do not move its deadline.
        await AdvanceAndWaitForTickAsync(server, time, TimeSpan.FromSeconds(29.9));
        Assert.True(connection.IsOpen);
        await client.SendRawAsync(frame.AsMemory(5, 1));
        await TestServer.EventuallyAsync(() => connection.IncompleteFrameBytes == 6, "the server holds 6 bytes of the frame");

        await AdvanceAndWaitForTickAsync(server, time, TimeSpan.FromSeconds(0.2));
        var error = Assert.Single(await client.ReadUntilClosedAsync());
        Assert.Equal(MessageType.EventError, error.Type);
        Assert.Equal(0, error.ReferenceID);
        Assert.Equal((int)ErrorCode.TERR_TIMEOUT, error.ErrorCode);
        Assert.Equal("Frame rejected: 6 bytes of a frame arrived, the rest not within 30 s of its first byte (TServer:FrameTimeoutSeconds)", error.ErrorMessage);
        var line = await server.Logs.WaitForAsync(1203);
        Assert.Contains("(6 bytes of it arrived; TServer:FrameTimeoutSeconds)", line.Message, StringComparison.Ordinal);
        Assert.Equal(1, server.Server.FrameTimeouts);
    }

    [Fact]
    public async Task EachFrameHasItsOwnDeadline_CompleteFramesResetIt()
    {
        var time = new VirtualTimeProvider();
        await using var server = await TestServer.StartAsync(o => o.FrameTimeoutSeconds = 30, time);
        await using var client = await server.ConnectRegisteredAsync();
        var connection = Assert.Single(server.Server.Connections);
        var first = TestClient.Encode(new TlibMessage(MessageType.RequestQueryServer) { ReferenceID = 1 });
        var second = TestClient.Encode(new TlibMessage(MessageType.RequestQueryServer) { ReferenceID = 2 });

        // 20 s into the first frame it completes, and the first byte of the next one arrives in the same write.
        await client.SendRawAsync(first.AsMemory(0, 3));
        await TestServer.EventuallyAsync(() => connection.IncompleteFrameBytes == 3, "3 bytes of the first frame");
        await AdvanceAndWaitForTickAsync(server, time, TimeSpan.FromSeconds(20));
        await client.SendRawAsync(first.AsMemory(3).ToArray().Concat(second.AsMemory(0, 1).ToArray()).ToArray());
        Assert.Equal(1, (await client.ReceiveAsync(MessageType.EventServerInfo)).ReferenceID);
        await TestServer.EventuallyAsync(() => connection.IncompleteFrameBytes == 1, "1 byte of the second frame");

        // 20 s more: 40 s since the first frame began, 20 s into the second. Still open.
        await AdvanceAndWaitForTickAsync(server, time, TimeSpan.FromSeconds(20));
        await client.SendRawAsync(second.AsMemory(1));
        Assert.Equal(2, (await client.ReceiveAsync(MessageType.EventServerInfo)).ReferenceID);
        Assert.Equal(0, connection.IncompleteFrameBytes);

        // No frame in progress: silence is not a frame deadline (ADDP is what detects a dead peer).
        await AdvanceAndWaitForTickAsync(server, time, TimeSpan.FromSeconds(300));
        Assert.True(connection.IsOpen);
        Assert.Equal(0, server.Server.FrameTimeouts);
    }

    // Advances the clock, then waits until the housekeeping tick has run at the new time (its last step stamps the
    // accept loop's progress with the virtual wall clock).
    private static async Task AdvanceAndWaitForTickAsync(TestServer server, VirtualTimeProvider time, TimeSpan delta)
    {
        time.Advance(delta);
        var now = time.GetUtcNow();
        await TestServer.EventuallyAsync(() => server.Server.LastAcceptLoopProgress >= now, $"a housekeeping tick at {now:O}");
    }
}
