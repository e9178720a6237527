using System.Diagnostics;
using CtiGateway.Protocol;

namespace CtiGateway.Server.Tests;

public sealed class AddpTests
{
    [Fact]
    public async Task HelloWithRemoteTimeout_MakesTheServerPollAfterSilence_AndDropAClientThatDoesNotAnswer()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = await server.ConnectRegisteredAsync();

        var silence = Stopwatch.StartNew();
        await client.SendHelloAsync(new AddpHello(LocalTimeoutSeconds: 0, RemoteTimeoutSeconds: 1, AddpTrace.Full));
        var poll = await client.ReceiveFrameAsync(TimeSpan.FromSeconds(5));
        Assert.NotNull(poll);
        Assert.Equal(FrameKind.AddpPoll, poll.Kind);
        Assert.True(silence.Elapsed >= TimeSpan.FromMilliseconds(900), $"polled after {silence.Elapsed.TotalMilliseconds} ms of silence");
        await server.Logs.WaitForAsync(1009, e => e.Message.Contains("server polls every 1 s", StringComparison.Ordinal));
        Assert.Equal(TimeSpan.FromSeconds(1), Assert.Single(server.Server.GetClients()).AddpTimeout);

        // Answered: the connection lives on and the next poll comes after the next second of silence.
        await client.SendAddpAsync(FrameKind.AddpReply, poll.Sequence);
        var next = await client.ReceiveFrameAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(FrameKind.AddpPoll, next!.Kind);
        Assert.Equal(poll.Sequence + 1, next.Sequence);

        // Not answered: the server drops the connection with a warning.
        Assert.Null(await client.ReceiveFrameAsync(TimeSpan.FromSeconds(5)));
        var lost = await server.Logs.WaitForAsync(1008);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, lost.Level);
        await TestServer.EventuallyAsync(() => server.Server.ClientCount == 0, "the silent client is gone");

        // The client asked for remote tracing, so the server traced its polls at Debug.
        Assert.Contains(server.Logs.WithId(1010), e => e.Level == Microsoft.Extensions.Logging.LogLevel.Debug);
        Assert.Contains(server.Logs.WithId(1011), e => e.Level == Microsoft.Extensions.Logging.LogLevel.Debug);
    }

    [Fact]
    public async Task PollsFromTheClient_AreAnsweredWithTheSameSequence()
    {
        await using var server = await TestServer.StartAsync(o => o.Addp.Trace = "local");
        await using var client = await server.ConnectRegisteredAsync();

        await client.SendAddpAsync(FrameKind.AddpPoll, 42);
        var reply = await client.ReceiveFrameAsync();
        await client.SendAddpAsync(FrameKind.AddpPoll, 43);
        var reply2 = await client.ReceiveFrameAsync();

        Assert.Equal((FrameKind.AddpReply, 42u), (reply!.Kind, reply.Sequence));
        Assert.Equal((FrameKind.AddpReply, 43u), (reply2!.Kind, reply2.Sequence));
        await server.Logs.WaitForAsync(1012, e => e.Message.Contains("43", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ConfiguredServerTimeout_PollsWithoutAHello_AndRemoteTimeoutIsAnnouncedInTheServerHello()
    {
        await using var server = await TestServer.StartAsync(o =>
        {
            o.Addp.TimeoutSeconds = 1;
            o.Addp.RemoteTimeoutSeconds = 7;
        });
        await using var client = await server.ConnectAsync();

        var hello = await client.ReceiveFrameAsync();
        Assert.Equal(FrameKind.AddpHello, hello!.Kind);
        Assert.Equal(new AddpHello(1, 7, AddpTrace.Off), hello.Hello);

        var poll = await client.ReceiveFrameAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(FrameKind.AddpPoll, poll!.Kind);
        await client.SendAddpAsync(FrameKind.AddpReply, poll.Sequence);
        Assert.Equal(MessageType.EventServerInfo, (await client.RequestAsync(new TlibMessage(MessageType.RequestQueryServer))).Type);
    }

    [Fact]
    public async Task HelloWithOutOfRangeTimeout_IsAFrameError()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = await server.ConnectAsync();

        await client.SendHelloAsync(new AddpHello(0, 4000, AddpTrace.Off));

        var error = Assert.Single(await client.ReadUntilClosedAsync());
        Assert.Equal((int)ErrorCode.TERR_UNKNOWN_ERROR, error.ErrorCode);
        Assert.Contains("ADDP hello out of range", error.ErrorMessage, StringComparison.Ordinal);
        Assert.EndsWith("at offset 8", error.ErrorMessage, StringComparison.Ordinal);
    }
}
