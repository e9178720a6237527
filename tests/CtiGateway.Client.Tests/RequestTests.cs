using CtiGateway.Client.Tests.Support;

namespace CtiGateway.Client.Tests;

public sealed class RequestTests
{
    [Fact(Timeout = TestTimeout.Test)]
    public async Task ConnectRegistersTheClientAndReturnsEventLinkConnected()
    {
        var ct = TestTimeout.Token(TestContext.Current.CancellationToken);
        await using var server = new FakeTServer();
        await using var client = new TServerClient(ClientTestKit.Options(server.EndPoint));

        var linkState = await client.ConnectAsync(ct);

        Assert.Equal(MessageType.EventLinkConnected, linkState.Type);
        Assert.Equal(TServerConnectionState.Connected, client.State);
        Assert.Equal(server.EndPoint, client.RemoteEndPoint);
        var (_, register) = Assert.Single(server.Requests);
        Assert.Equal(MessageType.RequestRegisterClient, register.Type);
        Assert.Equal("client-tests", register.GetString(AttributeId.ApplicationName));
        Assert.Equal(TlibWire.ProtocolVersion, register.GetString(AttributeId.ProtocolVersion));
        Assert.Equal(register.ReferenceID, linkState.ReferenceID);
    }

    [Fact(Timeout = TestTimeout.Test)]
    public async Task NoSwitchLinkIsAnAnswerNotAFailure()
    {
        var ct = TestTimeout.Token(TestContext.Current.CancellationToken);
        await using var server = new FakeTServer { HasSwitchLink = false };
        await using var client = new TServerClient(ClientTestKit.Options(server.EndPoint));

        var linkState = await client.ConnectAsync(ct);

        Assert.Equal(MessageType.EventLinkDisconnected, linkState.Type);
        Assert.Equal((int)ErrorCode.TERR_NO_SWITCH, linkState.ErrorCode);
        Assert.Equal(TServerConnectionState.Connected, client.State);
    }

    [Fact(Timeout = TestTimeout.Test)]
    public async Task ManyPipelinedRequestsEachGetTheirOwnResponse()
    {
        var ct = TestTimeout.Token(TestContext.Current.CancellationToken, 30);
        await using var server = new FakeTServer();
        await using var client = new TServerClient(ClientTestKit.Options(server.EndPoint));
        await client.ConnectAsync(ct);

        const int count = 2000;
        var requests = Enumerable.Range(0, count)
            .Select(i => client.RegisterAddressAsync($"dn-{i:D4}", ct))
            .ToArray();
        var responses = await Task.WhenAll(requests);

        var referenceIds = new HashSet<int>();
        for (var i = 0; i < count; i++)
        {
            Assert.Equal(MessageType.EventRegistered, responses[i].Type);
            Assert.Equal($"dn-{i:D4}", responses[i].ThisDN);
            var referenceId = Assert.IsType<int>(responses[i].ReferenceID);
            Assert.True(referenceId > 0);
            Assert.True(referenceIds.Add(referenceId), $"ReferenceID {referenceId} used twice");
        }

        Assert.Equal(count, client.RegisteredDNs.Count);
    }

    [Fact(Timeout = TestTimeout.Test)]
    public async Task EventErrorBecomesATypedExceptionWithTheCode()
    {
        var ct = TestTimeout.Token(TestContext.Current.CancellationToken);
        await using var server = new FakeTServer
        {
            OnRequest = (_, request) => request.Type == MessageType.RequestMakeCall
                ? [new TlibMessage(MessageType.EventError) { ReferenceID = request.ReferenceID, ErrorCode = 41, ErrorMessage = "Client hadn't register DN", ThisDN = request.ThisDN }]
                : null,
        };
        await using var client = new TServerClient(ClientTestKit.Options(server.EndPoint));
        await client.ConnectAsync(ct);

        var request = new TlibMessage(MessageType.RequestMakeCall) { ThisDN = "5001", OtherDN = "5002" };
        var error = await Assert.ThrowsAsync<TServerErrorException>(() => client.RequestAsync(request, ct));

        Assert.Equal(41, error.ErrorCode);
        Assert.Equal("Client hadn't register DN", error.ErrorMessage);
        Assert.Equal(MessageType.RequestMakeCall, error.RequestType);
        Assert.Equal(MessageType.EventError, error.Event.Type);
        Assert.Equal(request.ReferenceID, error.Event.ReferenceID);
        Assert.Contains("RequestMakeCall failed: EventError 41 (TERR_NOT_REGISTERED)", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = TestTimeout.Test)]
    public async Task UnansweredRequestTimesOutNamingTheRequest()
    {
        var ct = TestTimeout.Token(TestContext.Current.CancellationToken);
        await using var server = new FakeTServer { OnRequest = (_, request) => request.Type == MessageType.RequestAnswerCall ? [] : null };
        var options = ClientTestKit.Options(server.EndPoint);
        options.RequestTimeout = TimeSpan.FromMilliseconds(300);
        await using var client = new TServerClient(options);
        await client.ConnectAsync(ct);

        var error = await Assert.ThrowsAsync<TimeoutException>(() => client.RequestAsync(new TlibMessage(MessageType.RequestAnswerCall) { ThisDN = "5001" }, ct));

        Assert.Contains("RequestAnswerCall", error.Message, StringComparison.Ordinal);
        Assert.Contains("no response within 0.3 s", error.Message, StringComparison.Ordinal);
        var info = await client.QueryServerAsync(ct);
        Assert.Equal(MessageType.EventServerInfo, info.Type);
    }

    [Fact(Timeout = TestTimeout.Test)]
    public async Task EventsArriveInOrderIncludingResponsesAndClientEvents()
    {
        var ct = TestTimeout.Token(TestContext.Current.CancellationToken);
        await using var server = new FakeTServer();
        await using var client = new TServerClient(ClientTestKit.Options(server.EndPoint));
        await client.ConnectAsync(ct);
        await client.RegisterAddressAsync("5001", ct);

        const int count = 1000;
        var session = server.Sessions[0];
        for (var i = 0; i < count; i++)
        {
            session.Post(server.Stamp(new TlibMessage(MessageType.EventRinging) { ThisDN = "5001", CallID = i, ConnID = new ConnId((ulong)i + 1) }));
        }

        var received = new List<TlibMessage>();
        await foreach (var e in client.ReadEventsAsync(ct))
        {
            received.Add(e);
            if (received.Count == count + 3)
            {
                break;
            }
        }

        Assert.Equal(MessageType.EventServerConnected, received[0].Type);
        Assert.Equal(MessageType.EventLinkConnected, received[1].Type);
        Assert.Equal(MessageType.EventRegistered, received[2].Type);
        for (var i = 0; i < count; i++)
        {
            Assert.Equal(MessageType.EventRinging, received[i + 3].Type);
            Assert.Equal(i, received[i + 3].CallID);
        }
    }

    [Fact(Timeout = TestTimeout.Test)]
    public async Task HelpersSendTheRightRequests()
    {
        var ct = TestTimeout.Token(TestContext.Current.CancellationToken);
        await using var server = new FakeTServer();
        await using var client = new TServerClient(ClientTestKit.Options(server.EndPoint));
        await client.ConnectAsync(ct);

        var info = await client.QueryServerAsync(ct);
        var ack = await client.SetInputMaskAsync(new TlibMask().Set(MessageType.EventRinging), ct);
        await client.RegisterAddressAsync("5001", ct);
        var userEventAck = await client.DistributeUserEventAsync("5001", new KeyValueList().Add("k", "v"), ct);
        var userEvent = await ClientTestKit.NextEventAsync(client, MessageType.EventUserEvent, ct);
        var unregistered = await client.UnregisterAddressAsync("5001", ct);

        Assert.Equal("fake-tserver 1.0", info.GetString(AttributeId.ServerVersion));
        Assert.Equal(MessageType.EventACK, ack.Type);
        Assert.Equal(MessageType.EventACK, userEventAck.Type);
        Assert.Equal("v", userEvent.UserData!.TryGetValue("k", out var v) ? v.AsString() : null);
        Assert.Equal(MessageType.EventUnregistered, unregistered.Type);
        Assert.Empty(client.RegisteredDNs);
        var distribute = server.Requests.Select(r => r.Request).Single(r => r.Type == MessageType.RequestDistributeUserEvent);
        Assert.Equal((int)MessageType.EventUserEvent, distribute.GetInt(AttributeId.UserEvent));
    }

    [Fact(Timeout = TestTimeout.Test)]
    public async Task RequestTooLargeToEncodeFailsAloneAndTheConnectionStays()
    {
        var ct = TestTimeout.Token(TestContext.Current.CancellationToken);
        await using var server = new FakeTServer();
        var options = ClientTestKit.Options(server.EndPoint);
        options.MaxFrameSize = TlibWire.MinMaxFrameSize;
        await using var client = new TServerClient(options);
        await client.ConnectAsync(ct);

        var big = new TlibMessage(MessageType.RequestMakeCall) { ThisDN = "5001", UserData = new KeyValueList().Add("blob", new byte[4000]) };
        var error = await Assert.ThrowsAsync<TlibProtocolException>(() => client.RequestAsync(big, ct));

        Assert.Equal(ProtocolErrorKind.FrameTooLarge, error.Kind);
        Assert.Equal(MessageType.EventServerInfo, (await client.QueryServerAsync(ct)).Type);
    }

    [Fact(Timeout = TestTimeout.Test)]
    public async Task RequestWhenNotConnectedFailsAtOnce()
    {
        await using var client = new TServerClient(ClientTestKit.Options(ClientTestKit.RefusingEndPoint()));

        var error = await Assert.ThrowsAsync<TServerConnectionException>(() => client.QueryServerAsync(TestTimeout.Token(TestContext.Current.CancellationToken)));

        Assert.Contains("RequestQueryServer not sent", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = TestTimeout.Test)]
    public async Task ReferenceIdsWrapPastIntMaxValueAndSkipZero()
    {
        var ct = TestTimeout.Token(TestContext.Current.CancellationToken);
        await using var server = new FakeTServer();
        await using var client = new TServerClient(ClientTestKit.Options(server.EndPoint), null, new ReferenceIdSequence(int.MaxValue - 2));
        await client.ConnectAsync(ct);

        var first = await client.QueryServerAsync(ct);
        var second = await client.QueryServerAsync(ct);
        var third = await client.QueryServerAsync(ct);

        Assert.Equal(int.MaxValue, first.ReferenceID);
        Assert.Equal(1, second.ReferenceID);
        Assert.Equal(2, third.ReferenceID);
    }
}
