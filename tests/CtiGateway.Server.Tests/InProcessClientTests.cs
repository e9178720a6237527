using System.Net;
using System.Net.Sockets;
using CtiGateway.Protocol;

namespace CtiGateway.Server.Tests;

/// <summary>
/// The in-process client seam (<see cref="TlibServer.ConnectInProcess"/>): a socket pair whose server end is served
/// like any accepted client, outside the TCP port's allow-list and client limits.
/// </summary>
public sealed class InProcessClientTests
{
    [Fact]
    public async Task InProcessClient_Registers_GetsEventsOnItsDn_AndItsSwitchRequestsReachTheHandler()
    {
        await using var server = await TestServer.StartAsync();
        var handler = new QueueingHandler();
        server.Server.RequestHandler = handler;
        server.Server.SetLinkState("tel_sw", connected: true);

        var socket = server.Server.ConnectInProcess("orchestration");
        Assert.Equal(AddressFamily.Unix, socket.AddressFamily);
        await using var client = TestClient.FromSocket(socket);
        var attached = await server.Logs.WaitForAsync(4920);
        Assert.Contains("in-process for orchestration", attached.Message, StringComparison.Ordinal);
        var before = Assert.Single(server.Server.GetClients());
        Assert.Equal((true, null, "in-process", "orchestration"), (before.InProcess, before.RemoteEndPoint, before.Peer, before.ApplicationName));

        var register = new TlibMessage(MessageType.RequestRegisterClient);
        register.Set(AttributeId.ApplicationName, "ors-1");
        register.Set(AttributeId.ProtocolVersion, TlibWire.ProtocolVersion);
        var link = await client.RequestAsync(register);
        Assert.Equal(MessageType.EventLinkConnected, link.Type);
        var registeredLine = await server.Logs.WaitForAsync(1015);
        Assert.Contains("(in-process) registered as application ors-1", registeredLine.Message, StringComparison.Ordinal);
        Assert.Equal(MessageType.EventRegistered, (await client.RequestAsync(new TlibMessage(MessageType.RequestRegisterAddress) { ThisDN = "7001" })).Type);

        // A route request published on the route point reaches the router.
        var sequence = server.Server.Publish(new TlibMessage(MessageType.EventRouteRequest) { ThisDN = "7001", ConnID = new ConnId(0x31) }, "7001");
        var routeRequest = await client.ReceiveAsync(MessageType.EventRouteRequest);
        Assert.Equal(("7001", new ConnId(0x31), sequence), (routeRequest.ThisDN, routeRequest.ConnID!.Value, routeRequest.GetLong(AttributeId.EventSequenceNumber)));

        // Its answer goes to the switch side like any client's request, and the reply comes back on the same socket.
        await client.SendAsync(new TlibMessage(MessageType.RequestRouteCall) { ReferenceID = 51, ThisDN = "7001", ConnID = new ConnId(0x31), OtherDN = "5001" });
        var taken = await handler.NextAsync();
        Assert.Equal(("RequestRouteCall", 51, "7001", "ors-1"), (taken.Name, taken.ReferenceId, taken.ThisDN, taken.ClientName));
        taken.Reply(new TlibMessage(MessageType.EventRouteUsed) { ThisDN = "7001", ConnID = new ConnId(0x31), OtherDN = "5001" });
        var used = await client.ReceiveAsync(MessageType.EventRouteUsed);
        Assert.Equal(51, used.ReferenceID);

        var snapshot = Assert.Single(server.Server.GetClients());
        Assert.Equal((true, "in-process", "ors-1", false), (snapshot.InProcess, snapshot.Peer, snapshot.ApplicationName, snapshot.Tls));
        Assert.Equal(["7001"], snapshot.RegisteredDNs);
        Assert.Equal((1, 1, 1L), (server.Server.ClientCount, server.Server.InProcessClientCount, server.Server.ClientsAccepted));
        Assert.True(server.Server.BytesReceived > 0);
    }

    [Fact]
    public async Task InProcessClients_TakeNoSlotOfMaxClients_OrOfMaxClientsPerAddress()
    {
        await using var server = await TestServer.StartAsync(o =>
        {
            o.MaxClients = 1;
            o.MaxClientsPerAddress = 1;
        });
        await using var first = await RegisterAsync(server, "router-a");
        await using var second = await RegisterAsync(server, "router-b");

        // The one slot is still free for a TCP client; the next TCP client is over a limit.
        await using var outside = await server.ConnectRegisteredAsync();
        await using (var overAddress = await server.ConnectAsync())
        {
            var error = Assert.Single(await overAddress.ReadUntilClosedAsync());
            Assert.Equal(((int)ErrorCode.TERR_NOMORE_LICENSE, "Too many connections from 127.0.0.1 (max 1 per address, TServer:MaxClientsPerAddress)"), (error.ErrorCode!.Value, error.ErrorMessage));
        }

        await using (var overClients = await server.ConnectFromAsync(IPAddress.Parse("127.0.0.2")))
        {
            var error = Assert.Single(await overClients.ReadUntilClosedAsync());
            Assert.Equal(((int)ErrorCode.TERR_NOMORE_LICENSE, "Too many clients (max 1)"), (error.ErrorCode!.Value, error.ErrorMessage));
        }

        Assert.Equal((3, 2, 2L), (server.Server.ClientCount, server.Server.InProcessClientCount, server.Server.ClientsRejected));
        Assert.Equal(1, server.Server.ConnectionsFrom(IPAddress.Loopback));

        // In-process clients come and go without touching the TCP accounting.
        await using var third = await RegisterAsync(server, "router-c");
        Assert.Equal(MessageType.EventServerInfo, (await third.RequestAsync(new TlibMessage(MessageType.RequestQueryServer))).Type);
        Assert.Equal(MessageType.EventServerInfo, (await outside.RequestAsync(new TlibMessage(MessageType.RequestQueryServer))).Type);
    }

    [Fact]
    public async Task InProcessClient_IsServed_WhereTheAllowListRefusesLoopback()
    {
        await using var server = await TestServer.StartAsync(o => o.AllowedClients = ["10.0.0.0/8"]);

        await using var client = await RegisterAsync(server, "router");

        Assert.Equal(MessageType.EventServerInfo, (await client.RequestAsync(new TlibMessage(MessageType.RequestQueryServer))).Type);
        Assert.Equal(0, server.Server.ClientsRejected);
        Assert.Empty(server.Logs.WithId(1004));
    }

    [Fact]
    public async Task InProcessClient_OnATlsServer_SpeaksThePlainProtocol()
    {
        var folder = Directory.CreateTempSubdirectory("ctigw-tls-");
        try
        {
            var (certPath, keyPath, _) = AdmissionTests.WriteSelfSignedPem(folder.FullName);
            await using var server = await TestServer.StartAsync(o =>
            {
                o.Tls.CertificatePemFile = certPath;
                o.Tls.KeyPemFile = keyPath;
            });

            await using var client = await RegisterAsync(server, "router");

            Assert.Equal(MessageType.EventServerInfo, (await client.RequestAsync(new TlibMessage(MessageType.RequestQueryServer))).Type);
            Assert.False(Assert.Single(server.Server.GetClients()).Tls);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task InProcessClient_GetsTheServersAddpHelloAndPolls()
    {
        await using var server = await TestServer.StartAsync(o =>
        {
            o.Addp.TimeoutSeconds = 1;
            o.Addp.RemoteTimeoutSeconds = 7;
        });
        await using var client = TestClient.FromSocket(server.Server.ConnectInProcess("router"));

        var hello = await client.ReceiveFrameAsync();
        Assert.Equal((FrameKind.AddpHello, new AddpHello(1, 7, AddpTrace.Off)), (hello!.Kind, hello.Hello));
        var poll = await client.ReceiveFrameAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(FrameKind.AddpPoll, poll!.Kind);
        await client.SendAddpAsync(FrameKind.AddpReply, poll.Sequence);
        Assert.Equal(TimeSpan.FromSeconds(1), Assert.Single(server.Server.GetClients()).AddpTimeout);
    }

    [Fact]
    public async Task StoppingTheServer_ClosesTheInProcessClient_AndRefusesNewOnes()
    {
        await using var server = await TestServer.StartAsync();
        var client = await RegisterAsync(server, "router");
        await using (client)
        {
            Assert.Equal(MessageType.EventRegistered, (await client.RequestAsync(new TlibMessage(MessageType.RequestRegisterAddress) { ThisDN = "7001" })).Type);
            using var cts = TestClient.Timeout();

            await server.Server.StopAsync(cts.Token);

            Assert.Empty(await client.ReadUntilClosedAsync());
            Assert.Equal((0, 0, 0), (server.Server.ClientCount, server.Server.InProcessClientCount, server.Server.RegisteredDnCount));
            await server.Logs.WaitForAsync(1003, e => e.Message.Contains("(in-process) disconnected: server stopping", StringComparison.Ordinal));
        }

        var refused = Assert.Throws<InvalidOperationException>(() => server.Server.ConnectInProcess("router"));
        Assert.Equal("ConnectInProcess: the T-Library server is stopping or stopped.", refused.Message);
    }

    [Fact]
    public async Task ConnectInProcess_BeforeStart_IsRefused()
    {
        await using var server = new TlibServer(new TServerOptions { Host = "127.0.0.1", Port = 0 }, new LogCapture());

        var refused = Assert.Throws<InvalidOperationException>(() => server.ConnectInProcess("router"));

        Assert.Equal("ConnectInProcess: the T-Library server is not started yet.", refused.Message);
        Assert.Throws<ArgumentException>(() => server.ConnectInProcess(" "));
    }

    [Fact]
    public async Task DroppedInProcessConnection_IsClosedAtOnce_AndItsDnsAreReleased()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = await RegisterAsync(server, "router");
        Assert.Equal(MessageType.EventRegistered, (await client.RequestAsync(new TlibMessage(MessageType.RequestRegisterAddress) { ThisDN = "7001" })).Type);

        // The abortive close (as for a slow reader) on a Unix socket.
        Assert.True(Assert.Single(server.Server.Connections).Abort("dropped by the test"));

        Assert.Empty(await client.ReadUntilClosedAsync());
        await TestServer.EventuallyAsync(() => server.Server.ClientCount == 0, "the in-process client is gone");
        Assert.Equal((0, 0, false), (server.Server.InProcessClientCount, server.Server.RegisteredDnCount, server.Server.HasRegistrations("7001")));
        await server.Logs.WaitForAsync(1003, e => e.Message.Contains("dropped by the test", StringComparison.Ordinal));

        // The server serves the next one.
        await using var again = await RegisterAsync(server, "router");
        Assert.Equal(MessageType.EventServerInfo, (await again.RequestAsync(new TlibMessage(MessageType.RequestQueryServer))).Type);
    }

    private static async Task<TestClient> RegisterAsync(TestServer server, string application)
    {
        var client = TestClient.FromSocket(server.Server.ConnectInProcess(application));
        var register = new TlibMessage(MessageType.RequestRegisterClient);
        register.Set(AttributeId.ApplicationName, application);
        register.Set(AttributeId.ProtocolVersion, TlibWire.ProtocolVersion);
        Assert.Equal(MessageType.EventLinkDisconnected, (await client.RequestAsync(register)).Type);
        return client;
    }
}
