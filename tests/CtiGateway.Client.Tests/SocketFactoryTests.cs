using System.Net.Sockets;
using CtiGateway.Client.Tests.Support;
using CtiGateway.Server;
using Microsoft.Extensions.Logging.Abstractions;

namespace CtiGateway.Client.Tests;

/// <summary>
/// <see cref="TServerClientOptions.SocketFactory"/> against a real <see cref="TlibServer"/> through its in-process seam
/// (<see cref="TlibServer.ConnectInProcess"/>): no TCP between them.
/// </summary>
public sealed class SocketFactoryTests
{
    [Fact(Timeout = TestTimeout.Test)]
    public async Task InProcessClient_RegistersItsDn_RoundTripsRequests_AndGetsPublishedEvents()
    {
        var ct = TestTimeout.Token(TestContext.Current.CancellationToken);
        await using var server = await StartServerAsync(ct);
        var handler = new RouteHandler();
        server.RequestHandler = handler;
        server.SetLinkState("tel_sw", connected: true);
        var logger = new ListLogger();
        var options = InProcessOptions(_ => ValueTask.FromResult(server.ConnectInProcess("orchestration")));
        await using var client = new TServerClient(options, logger);

        var link = await client.ConnectAsync(ct);

        Assert.Equal(MessageType.EventLinkConnected, link.Type);
        Assert.Equal("in-process", client.RemoteEndPoint?.ToString());
        Assert.Contains(logger.Lines, l => l.EventId == 2001 && l.Message == "Connected to T-Server in-process as client-tests: EventLinkConnected");
        var connected = await ClientTestKit.NextEventAsync(client, MessageType.EventServerConnected, ct);
        Assert.Null(connected.GetString(AttributeId.Host));

        Assert.Equal(MessageType.EventRegistered, (await client.RegisterAddressAsync("7001", ct)).Type);
        Assert.Equal(MessageType.EventServerInfo, (await client.QueryServerAsync(ct)).Type);
        var used = await client.RequestAsync(new TlibMessage(MessageType.RequestRouteCall) { ThisDN = "7001", ConnID = new ConnId(0x41), OtherDN = "5001" }, ct);
        Assert.Equal((MessageType.EventRouteUsed, "5001"), (used.Type, used.OtherDN));

        var snapshot = Assert.Single(server.GetClients());
        Assert.Equal((true, "in-process", "client-tests"), (snapshot.InProcess, snapshot.Peer, snapshot.ApplicationName));
        Assert.Equal(["7001"], snapshot.RegisteredDNs);

        server.Publish(new TlibMessage(MessageType.EventRouteRequest) { ThisDN = "7001", ConnID = new ConnId(0x42) }, "7001");
        var routeRequest = await ClientTestKit.NextEventAsync(client, MessageType.EventRouteRequest, ct);
        Assert.Equal(new ConnId(0x42), routeRequest.ConnID);
    }

    [Fact(Timeout = TestTimeout.Test)]
    public async Task WhenTheServerEndDrops_TheFactoryIsCalledUntilItConnectsAgain_AndRegistrationsAreRestored()
    {
        var ct = TestTimeout.Token(TestContext.Current.CancellationToken, 30);
        var first = await StartServerAsync(ct);
        await using var second = await StartServerAsync(ct);
        var current = first;
        var refusals = 0;
        var options = InProcessOptions(_ =>
        {
            try
            {
                return ValueTask.FromResult(Volatile.Read(ref current).ConnectInProcess("orchestration"));
            }
            catch (InvalidOperationException)
            {
                Interlocked.Increment(ref refusals);
                throw;
            }
        });
        await using var client = new TServerClient(options);
        await client.ConnectAsync(ct);
        await client.SetInputMaskAsync(new TlibMask().Set(MessageType.EventRouteRequest), ct);
        await client.RegisterAddressAsync("7001", ct);
        await client.RegisterAddressAsync("7002", ct);

        // The first server stops: it closes the in-process connection, and the factory fails while it is gone.
        await first.DisposeAsync();
        var disconnected = await ClientTestKit.NextEventAsync(client, MessageType.EventServerDisconnected, ct);
        Assert.False(string.IsNullOrEmpty(disconnected.ErrorMessage));
        await EventuallyAsync(() => Volatile.Read(ref refusals) >= 1, ct);
        Assert.NotEqual(TServerConnectionState.Connected, client.State);

        // The next server: the factory's next call reaches it; the client registers and restores its DNs and mask.
        Volatile.Write(ref current, second);
        await ClientTestKit.NextEventAsync(client, MessageType.EventServerConnected, ct);
        await EventuallyAsync(() => second.GetClients() is [{ RegisteredDNs: ["7001", "7002"] }], ct);
        Assert.Equal(["7001", "7002"], client.RegisteredDNs);
        var snapshot = Assert.Single(second.GetClients());
        Assert.True(snapshot.InProcess);

        // The restored input mask lets EventRouteRequest through and holds back what it does not name.
        second.Publish(new TlibMessage(MessageType.EventRinging) { ThisDN = "7002" }, "7002");
        second.Publish(new TlibMessage(MessageType.EventRouteRequest) { ThisDN = "7002", ConnID = new ConnId(0x51) }, "7002");
        var (routeRequest, before) = await ClientTestKit.NextEventAsync(client, e => e.Type == MessageType.EventRouteRequest, ct);
        Assert.Equal(new ConnId(0x51), routeRequest.ConnID);
        Assert.DoesNotContain(before, e => e.Type == MessageType.EventRinging);
        Assert.Equal(TServerConnectionState.Connected, client.State);
        Assert.Equal(MessageType.EventServerInfo, (await client.QueryServerAsync(ct)).Type);
    }

    [Fact(Timeout = TestTimeout.Test)]
    public async Task FactoryThatFails_OrGivesAnUnconnectedSocket_OrDoesNotAnswer_FailsTheConnectNamingWhy()
    {
        var ct = TestTimeout.Token(TestContext.Current.CancellationToken);
        await using (var failing = new TServerClient(InProcessOptions(_ => throw new InvalidOperationException("no T-Server in this process"))))
        {
            var error = await Assert.ThrowsAsync<TServerConnectionException>(() => failing.ConnectAsync(ct));
            Assert.Equal("Could not connect to a T-Server: in-process: no T-Server in this process", error.Message);
            Assert.Equal("in-process", error.EndPoint?.ToString());
            Assert.Equal(TServerConnectionState.Disconnected, failing.State);
        }

        using var unconnected = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await using (var wrong = new TServerClient(InProcessOptions(_ => ValueTask.FromResult(unconnected))))
        {
            var error = await Assert.ThrowsAsync<TServerConnectionException>(() => wrong.ConnectAsync(ct));
            Assert.Contains("returned a socket that is not a connected stream socket", error.Message, StringComparison.Ordinal);
        }

        var slowOptions = InProcessOptions(async token =>
        {
            await Task.Delay(Timeout.Infinite, token);
            throw new InvalidOperationException("not reached");
        });
        slowOptions.ConnectTimeout = TimeSpan.FromMilliseconds(200);
        slowOptions.SocketFactoryName = "router-seam";
        await using (var slow = new TServerClient(slowOptions))
        {
            var error = await Assert.ThrowsAsync<TServerConnectionException>(() => slow.ConnectAsync(ct));
            Assert.Equal("Could not connect to a T-Server: router-seam: SocketFactory (router-seam) did not return a socket within 0.2 s.", error.Message);
        }
    }

    [Fact]
    public void Validate_NamesWhatIsWrongWithAFactory()
    {
        static string Problem(TServerClientOptions options) => Assert.Throws<ArgumentException>(options.Validate).Message;
        static ValueTask<Socket> Factory(CancellationToken ct) => throw new InvalidOperationException("never called");

        Assert.StartsWith("TServerClientOptions.Endpoints: at least one endpoint is needed (or a SocketFactory).", Problem(new TServerClientOptions()), StringComparison.Ordinal);
        Assert.StartsWith(
            "TServerClientOptions.SocketFactory: set either SocketFactory or Endpoints, not both (Endpoints has 1;",
            Problem(new TServerClientOptions { SocketFactory = Factory }.AddEndpoint("127.0.0.1:3000")),
            StringComparison.Ordinal);
        Assert.StartsWith(
            "TServerClientOptions.SocketFactoryName must not be empty",
            Problem(new TServerClientOptions { SocketFactory = Factory, SocketFactoryName = " " }),
            StringComparison.Ordinal);
        Assert.StartsWith(
            "TServerClientOptions.Tls: TLS does not apply to a SocketFactory connection",
            Problem(new TServerClientOptions { SocketFactory = Factory, Tls = new TServerTlsOptions { Enabled = true } }),
            StringComparison.Ordinal);

        // A factory alone is a complete connection setting.
        new TServerClientOptions { SocketFactory = Factory }.Validate();
    }

    private static TServerClientOptions InProcessOptions(Func<CancellationToken, ValueTask<Socket>> factory)
    {
        var options = ClientTestKit.Options();
        options.SocketFactory = factory;
        return options;
    }

    private static async Task<TlibServer> StartServerAsync(CancellationToken ct)
    {
        var server = new TlibServer(new TServerOptions { Host = "127.0.0.1", Port = 0 }, NullLoggerFactory.Instance);
        await server.StartAsync(ct);
        return server;
    }

    // Waits for a condition of the server's state, polling (the server has no change notification); bounded by ct.
    private static async Task EventuallyAsync(Func<bool> condition, CancellationToken ct)
    {
        while (!condition())
        {
            await Task.Delay(10, ct);
        }
    }

    // The switch side of the test: a route request is answered with EventRouteUsed at once.
    private sealed class RouteHandler : ITlibRequestHandler
    {
        public void Handle(TlibRequest request)
        {
            if (request.Message.Type == MessageType.RequestRouteCall)
            {
                request.Reply(new TlibMessage(MessageType.EventRouteUsed) { ThisDN = request.ThisDN, ConnID = request.Message.ConnID, OtherDN = request.Message.OtherDN });
            }
            else
            {
                request.Fail(ErrorCode.TERR_UNSUP_OPER, $"{request.Name} is not answered by this test");
            }
        }
    }
}
