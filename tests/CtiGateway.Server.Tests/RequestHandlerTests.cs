using CtiGateway.Protocol;

namespace CtiGateway.Server.Tests;

/// <summary>
/// The seam to the switch side: requests that need a switch go to <see cref="TlibServer.RequestHandler"/> with a reply
/// handle and are answered later, off the client's read loop; a ThisDN the client did not register is refused first.
/// </summary>
public sealed class RequestHandlerTests
{
    [Fact]
    public async Task RequestOnAnUnregisteredDn_IsNotRegistered41_AndNeverReachesTheHandler()
    {
        await using var server = await TestServer.StartAsync();
        var handler = new QueueingHandler();
        server.Server.RequestHandler = handler;
        await using var client = await server.ConnectOnDnAsync("5001");

        var reply = await client.RequestAsync(new TlibMessage(MessageType.RequestAnswerCall) { ReferenceID = 31, ThisDN = "5002", ConnID = new ConnId(7) });

        Assert.Equal((MessageType.EventError, (int)ErrorCode.TERR_NOT_REGISTERED, 31, "5002"), (reply.Type, reply.ErrorCode!.Value, reply.ReferenceID!.Value, reply.ThisDN));
        Assert.Contains("5002", reply.ErrorMessage, StringComparison.Ordinal);
        Assert.Empty(handler.Taken);
    }

    [Fact]
    public async Task HandedOverRequest_IsAnsweredLater_AndTheClientIsServedMeanwhile()
    {
        await using var server = await TestServer.StartAsync();
        var handler = new QueueingHandler();
        server.Server.RequestHandler = handler;
        await using var client = await server.ConnectOnDnAsync("5001");

        await client.SendAsync(new TlibMessage(MessageType.RequestMakeCall) { ReferenceID = 41, ThisDN = "5001", OtherDN = "5002" });
        var taken = await handler.NextAsync();
        Assert.Equal(("RequestMakeCall", 41, "5001"), (taken.Name, taken.ReferenceId, taken.ThisDN));
        Assert.True(taken.IsClientConnected);

        // The request is still pending: the same connection is served meanwhile.
        var info = await client.RequestAsync(new TlibMessage(MessageType.RequestQueryServer) { ReferenceID = 42 });
        Assert.Equal(MessageType.EventServerInfo, info.Type);

        taken.Fail(ErrorCode.TERR_TIMEOUT, "no answer from the switch");
        taken.Fail(ErrorCode.TERR_INTERNAL, "a second answer is never sent");
        var error = await client.ReceiveAsync(MessageType.EventError);
        Assert.Equal(((int)ErrorCode.TERR_TIMEOUT, 41, "5001"), (error.ErrorCode!.Value, error.ReferenceID!.Value, error.ThisDN));
        Assert.True(taken.IsFailed);

        // Reply sends one event to the requester with the request's ReferenceID.
        await client.SendAsync(new TlibMessage(MessageType.RequestSendDTMF) { ReferenceID = 43, ThisDN = "5001", ConnID = new ConnId(9) });
        var dtmf = await handler.NextAsync();
        dtmf.Reply(new TlibMessage(MessageType.EventDTMFSent) { ThisDN = "5001", ConnID = new ConnId(9) });
        var sent = await client.ReceiveAsync(MessageType.EventDTMFSent);
        Assert.Equal((43, new ConnId(9)), (sent.ReferenceID!.Value, sent.ConnID!.Value));
        Stamps.AssertStamped(sent, server.Server);
    }

    [Fact]
    public async Task PublishHardwareError_NamingADn_GoesToThatDnOnly()
    {
        await using var server = await TestServer.StartAsync();
        await using var on5001 = await server.ConnectOnDnAsync("5001");
        await using var on5002 = await server.ConnectOnDnAsync("5002");
        ITlibPublisher publisher = server.Server;

        publisher.PublishHardwareError(new TlibHardwareError("tel_sw", "tel_sw/1", "unknown-call", "EstablishedEvent for call 12 that the model does not know")
        {
            Element = "EstablishedEvent/establishedConnection",
            ThisDN = "5001",
            ConnId = new ConnId(0x12),
            PreviousConnId = new ConnId(0x11),
        });
        publisher.PublishHardwareError(new TlibHardwareError("tel_sw", "tel_sw/1", "malformed-frame", "bad bytes") { Offset = 42, BytesHex = "3c3f" });

        var first = await on5001.ReceiveAsync(MessageType.EventHardwareError);
        Assert.Equal(("5001", new ConnId(0x12), "unknown-call", "EstablishedEvent/establishedConnection"),
            (first.ThisDN, first.ConnID!.Value, Ext(first, "cause"), Ext(first, "element")));
        Assert.Equal(0x11, first.GetLong(AttributeId.PreviousConnID));
        var broadcast = await on5002.ReceiveAsync(MessageType.EventHardwareError);
        Assert.Equal(("malformed-frame", 42, "3c3f"), (Ext(broadcast, "cause"), Int(broadcast, "offset"), Ext(broadcast, "bytes")));
        Assert.Null(broadcast.ThisDN);
    }

    private static string Ext(TlibMessage m, string key) => Assert.IsType<KeyValueList>(m.Extensions).TryGetValue(key, out var v) ? v.AsString() : "(absent)";

    private static int Int(TlibMessage m, string key) => Assert.IsType<KeyValueList>(m.Extensions).TryGetValue(key, out var v) ? v.AsInt() : -1;
}
