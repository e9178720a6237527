using CtiGateway.Client.Tests.Support;

namespace CtiGateway.Client.Tests;

public sealed class FailoverAndReconnectTests
{
    [Fact(Timeout = TestTimeout.Test)]
    public async Task ConnectFailsOverToTheSecondEndpointWhenTheFirstRefuses()
    {
        var ct = TestTimeout.Token(TestContext.Current.CancellationToken);
        var refusing = ClientTestKit.RefusingEndPoint();
        await using var backup = new FakeTServer();
        await using var client = new TServerClient(ClientTestKit.Options(refusing, backup.EndPoint));

        var linkState = await client.ConnectAsync(ct);

        Assert.Equal(MessageType.EventLinkConnected, linkState.Type);
        Assert.Equal(backup.EndPoint, client.RemoteEndPoint);
        var connected = await ClientTestKit.NextEventAsync(client, MessageType.EventServerConnected, ct);
        Assert.Equal(backup.EndPoint.Port, connected.GetInt(AttributeId.Port));
    }

    [Fact(Timeout = TestTimeout.Test)]
    public async Task ConnectFailsWithEveryEndpointNamedWhenNoneAnswers()
    {
        var first = ClientTestKit.RefusingEndPoint();
        var second = ClientTestKit.RefusingEndPoint();
        await using var client = new TServerClient(ClientTestKit.Options(first, second));

        var error = await Assert.ThrowsAsync<TServerConnectionException>(() => client.ConnectAsync(TestTimeout.Token(TestContext.Current.CancellationToken)));

        Assert.Contains(first.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Contains(second.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Equal(TServerConnectionState.Disconnected, client.State);
    }

    [Fact(Timeout = TestTimeout.Test)]
    public async Task ReconnectsAfterTheServerDropsAndRestoresRegistrations()
    {
        var ct = TestTimeout.Token(TestContext.Current.CancellationToken, 30);
        await using var server = new FakeTServer { OnRequest = (_, request) => request.Type == MessageType.RequestAnswerCall ? [] : null };
        await using var client = new TServerClient(ClientTestKit.Options(server.EndPoint));
        await client.ConnectAsync(ct);
        await client.SetInputMaskAsync(new TlibMask().Set(MessageType.EventRinging), ct);
        await client.RegisterAddressAsync("5001", ct);
        await client.RegisterAddressAsync("5002", ct);
        await client.RegisterAddressAsync("5003", ct);
        await client.UnregisterAddressAsync("5003", ct);
        var unanswered = client.RequestAsync(new TlibMessage(MessageType.RequestAnswerCall) { ThisDN = "5001" }, ct);
        await server.WaitForRequestsAsync(r => r.Type == MessageType.RequestAnswerCall, 1, ct);

        server.DropAll();

        var lost = await Assert.ThrowsAsync<TServerConnectionException>(() => unanswered);
        Assert.Contains("RequestAnswerCall", lost.Message, StringComparison.Ordinal);
        var disconnected = await ClientTestKit.NextEventAsync(client, MessageType.EventServerDisconnected, ct);
        Assert.Equal("client-tests", disconnected.GetString(AttributeId.ApplicationName));
        Assert.False(string.IsNullOrEmpty(disconnected.ErrorMessage));
        var (connected, _) = await ClientTestKit.NextEventAsync(client, e => e.Type == MessageType.EventServerConnected, ct);
        Assert.Equal(server.EndPoint.Port, connected.GetInt(AttributeId.Port));

        var session = await server.WaitForSessionAsync(1, ct);
        await server.Changed.WaitUntilAsync(() => session.IsRegistered("5001") && session.IsRegistered("5002"), ct);
        Assert.False(session.IsRegistered("5003"));
        var resent = server.Requests.Where(r => r.Session == 1).Select(r => r.Request).ToList();
        Assert.Equal(MessageType.RequestRegisterClient, resent[0].Type);
        Assert.Equal(MessageType.RequestSetInputMask, resent[1].Type);
        Assert.Equal(["5001", "5002"], resent.Where(r => r.Type == MessageType.RequestRegisterAddress).Select(r => r.ThisDN!));
        await client.Events.WaitToReadAsync(ct);
        Assert.Equal(MessageType.EventServerInfo, (await client.QueryServerAsync(ct)).Type);
        Assert.Equal(TServerConnectionState.Connected, client.State);
        Assert.Equal(["5001", "5002"], client.RegisteredDNs);
    }

    [Fact(Timeout = TestTimeout.Test)]
    public async Task ReconnectGoesToTheBackupWhenThePrimaryIsGone()
    {
        var ct = TestTimeout.Token(TestContext.Current.CancellationToken, 30);
        var primary = new FakeTServer();
        await using var backup = new FakeTServer();
        await using var client = new TServerClient(ClientTestKit.Options(primary.EndPoint, backup.EndPoint));
        await client.ConnectAsync(ct);
        await client.RegisterAddressAsync("5001", ct);
        Assert.Equal(primary.EndPoint, client.RemoteEndPoint);

        await primary.DisposeAsync();

        await ClientTestKit.NextEventAsync(client, MessageType.EventServerDisconnected, ct);
        var connected = await ClientTestKit.NextEventAsync(client, MessageType.EventServerConnected, ct);
        Assert.Equal(backup.EndPoint.Port, connected.GetInt(AttributeId.Port));
        var session = await backup.WaitForSessionAsync(0, ct);
        await backup.Changed.WaitUntilAsync(() => session.IsRegistered("5001"), ct);
    }

    [Fact(Timeout = TestTimeout.Test)]
    public async Task NoReconnectAfterDispose()
    {
        var ct = TestTimeout.Token(TestContext.Current.CancellationToken);
        await using var server = new FakeTServer();
        var client = new TServerClient(ClientTestKit.Options(server.EndPoint));
        await client.ConnectAsync(ct);

        await client.DisposeAsync();

        Assert.Equal(TServerConnectionState.Disposed, client.State);
        await server.Changed.WaitUntilAsync(() => !server.Sessions[0].IsConnected, ct);
        var remaining = new List<TlibMessage>();
        await foreach (var e in client.ReadEventsAsync(ct))
        {
            remaining.Add(e);
        }

        Assert.DoesNotContain(remaining, e => e.Type == MessageType.EventServerDisconnected);
        Assert.Single(server.Sessions);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => client.QueryServerAsync(ct));
    }

    [Fact(Timeout = TestTimeout.Test)]
    public async Task WithoutAutoReconnectTheClientStaysDisconnected()
    {
        var ct = TestTimeout.Token(TestContext.Current.CancellationToken);
        await using var server = new FakeTServer();
        var options = ClientTestKit.Options(server.EndPoint);
        options.AutoReconnect = false;
        await using var client = new TServerClient(options);
        await client.ConnectAsync(ct);

        server.DropAll();

        await ClientTestKit.NextEventAsync(client, MessageType.EventServerDisconnected, ct);
        Assert.Equal(TServerConnectionState.Disconnected, client.State);
        Assert.Equal(MessageType.EventLinkConnected, (await client.ConnectAsync(ct)).Type);
    }

    [Fact(Timeout = TestTimeout.Test)]
    public async Task ARegistrationUnansweredWhenTheConnectionDropsIsRestored()
    {
        var ct = TestTimeout.Token(TestContext.Current.CancellationToken);
        await using var server = new FakeTServer { OnRequest = (session, request) => session.Index == 0 && request.ThisDN == "5009" ? [] : null };
        await using var client = new TServerClient(ClientTestKit.Options(server.EndPoint));
        await client.ConnectAsync(ct);
        var registering = client.RegisterAddressAsync("5009", ct);
        await server.WaitForRequestsAsync(r => r.ThisDN == "5009", 1, ct);

        server.DropAll();

        await Assert.ThrowsAsync<TServerConnectionException>(() => registering);
        Assert.Equal(["5009"], client.RegisteredDNs);
        var session = await server.WaitForSessionAsync(1, ct);
        await server.Changed.WaitUntilAsync(() => session.IsRegistered("5009"), ct);
    }

    [Fact(Timeout = TestTimeout.Test)]
    public async Task ARequestMadeWhileReconnectingWaitsForTheNewConnection()
    {
        var ct = TestTimeout.Token(TestContext.Current.CancellationToken);
        TlibMessage? heldRegistration = null;
        await using var server = new FakeTServer();
        server.OnRequest = (session, request) =>
        {
            if (session.Index == 1 && request.Type == MessageType.RequestRegisterClient)
            {
                heldRegistration = request;
                return [];
            }

            return null;
        };
        await using var client = new TServerClient(ClientTestKit.Options(server.EndPoint));
        await client.ConnectAsync(ct);

        server.DropAll();
        await server.WaitForRequestsAsync(r => r.Type == MessageType.RequestRegisterClient, 2, ct);
        Assert.Equal(TServerConnectionState.Reconnecting, client.State);
        var query = client.QueryServerAsync(ct);
        Assert.False(query.IsCompleted);
        server.Sessions[1].Post(server.Stamp(new TlibMessage(MessageType.EventLinkConnected) { ReferenceID = heldRegistration!.ReferenceID }));

        Assert.Equal(MessageType.EventServerInfo, (await query).Type);
        Assert.Contains(server.Requests, r => r.Session == 1 && r.Request.Type == MessageType.RequestQueryServer);
        Assert.Equal(TServerConnectionState.Connected, client.State);
    }
}
