using System.Net;
using CtiGateway.Protocol;

namespace CtiGateway.Server.Tests;

/// <summary>TServer:MaxClientsPerAddress, TServer:MaxDnsPerClient and the cap on refusals in delivery.</summary>
public sealed class ClientLimitTests
{
    private static readonly IPAddress Loopback2 = IPAddress.Parse("127.0.0.2");

    [Fact]
    public async Task ConnectionOverThePerAddressLimit_GetsNoMoreLicense_WhileThatAddressKeepsItsOthersAndOtherAddressesGetIn()
    {
        await using var server = await TestServer.StartAsync(o => o.MaxClientsPerAddress = 2);
        await using var first = await server.ConnectRegisteredAsync();
        var second = await server.ConnectRegisteredAsync();

        await using (var third = await server.ConnectAsync())
        {
            var error = Assert.Single(await third.ReadUntilClosedAsync());
            Assert.Equal(MessageType.EventError, error.Type);
            Assert.Equal(0, error.ReferenceID);
            Assert.Equal((int)ErrorCode.TERR_NOMORE_LICENSE, error.ErrorCode);
            Assert.Equal("Too many connections from 127.0.0.1 (max 2 per address, TServer:MaxClientsPerAddress)", error.ErrorMessage);
        }

        var line = await server.Logs.WaitForAsync(1200);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, line.Level);
        Assert.Contains("(max 2, TServer:MaxClientsPerAddress)", line.Message, StringComparison.Ordinal);
        Assert.Equal(1, server.Server.ClientsRejected);
        Assert.Equal(2, server.Server.ConnectionsFrom(IPAddress.Loopback));

        // The two are still served; another address is counted on its own.
        Assert.Equal(MessageType.EventServerInfo, (await first.RequestAsync(new TlibMessage(MessageType.RequestQueryServer))).Type);
        Assert.Equal(MessageType.EventServerInfo, (await second.RequestAsync(new TlibMessage(MessageType.RequestQueryServer))).Type);
        await using (var other = await server.ConnectFromAsync(Loopback2))
        {
            Assert.Equal(MessageType.EventServerInfo, (await other.RequestAsync(new TlibMessage(MessageType.RequestQueryServer))).Type);
            Assert.Equal(1, server.Server.ConnectionsFrom(Loopback2));
        }

        // A closed connection gives its address the slot back.
        await second.DisposeAsync();
        await TestServer.EventuallyAsync(() => server.Server.ConnectionsFrom(IPAddress.Loopback) == 1, "127.0.0.1 holds one connection");
        await using var again = await server.ConnectRegisteredAsync();
        Assert.Equal(MessageType.EventServerInfo, (await again.RequestAsync(new TlibMessage(MessageType.RequestQueryServer))).Type);
        Assert.Equal(2, server.Server.ConnectionsFrom(IPAddress.Loopback));
    }

    [Fact]
    public async Task RepeatedRefusals_LogOneLinePerSecond_ThenHowManyWereSuppressed()
    {
        var time = new VirtualTimeProvider();
        await using var server = await TestServer.StartAsync(o => o.MaxClientsPerAddress = 1, time);
        await using var holder = await server.ConnectRegisteredAsync();
        for (var i = 0; i < 5; i++)
        {
            await using var refused = await server.ConnectAsync();
            Assert.Equal((int)ErrorCode.TERR_NOMORE_LICENSE, Assert.Single(await refused.ReadUntilClosedAsync()).ErrorCode);
        }

        Assert.Equal(5, server.Server.ClientsRejected);
        Assert.Single(server.Logs.WithId(1200));

        // Once the second is over, the housekeeping tick writes the count.
        time.Advance(TimeSpan.FromSeconds(1));
        var suppressed = await server.Logs.WaitForAsync(1201);
        Assert.Equal("Suppressed 4 more lines of event 1200 (connection rejected: too many from one address) in the last 1.0 s", suppressed.Message);
        Assert.Single(server.Logs.WithId(1200));
    }

    [Fact]
    public async Task RefusalsInDeliveryAreCapped_FurtherRefusedConnectionsAreResetAtOnce()
    {
        await using var server = await TestServer.StartAsync(o => o.MaxClients = 1);
        await using var holder = await server.ConnectRegisteredAsync();

        // Refused clients that never close keep their refusal in delivery (it drains their input for up to 5 s).
        const int Count = TlibServer.MaxRejectionsInFlight + 16;
        var refused = new List<TestClient>();
        var told = 0;
        var reset = 0;
        try
        {
            for (var i = 0; i < Count; i++)
            {
                try
                {
                    refused.Add(await server.ConnectAsync());
                }
                catch (System.Net.Sockets.SocketException ex) when (ex.SocketErrorCode == System.Net.Sockets.SocketError.ConnectionReset)
                {
                    // Reset so fast that the connect itself saw it.
                    reset++;
                }
            }

            await TestServer.EventuallyAsync(() => server.Server.ClientsRejected == Count, "every connection of the burst was refused", TimeSpan.FromSeconds(30));

            foreach (var client in refused)
            {
                var messages = await client.ReadUntilClosedAsync(TimeSpan.FromSeconds(30));
                if (messages.Count == 1 && messages[0].ErrorCode == (int)ErrorCode.TERR_NOMORE_LICENSE)
                {
                    told++;
                }
                else
                {
                    Assert.Empty(messages);
                    reset++;
                }

                // Closing lets its refusal finish: the cap counts refusals in delivery, not refusals ever made.
                client.Socket.Close();
            }

            Assert.True(told >= 1 && reset >= 1, $"{told} refused with EventError, {reset} reset");
            var line = await server.Logs.WaitForAsync(1205);
            Assert.Contains($"{TlibServer.MaxRejectionsInFlight} refusals are being delivered already", line.Message, StringComparison.Ordinal);
        }
        finally
        {
            foreach (var client in refused)
            {
                await client.DisposeAsync();
            }
        }

        // The refusals end, and a refused connection is told why again.
        var error = await RetryUntilToldAsync(server);
        Assert.Equal("Too many clients (max 1)", error.ErrorMessage);
    }

    [Fact]
    public async Task RegisteringPastMaxDnsPerClient_GetsNoMoreLicenseWithTheReferenceId_AndTheConnectionStaysUsable()
    {
        await using var server = await TestServer.StartAsync(o => o.MaxDnsPerClient = 3);
        await using var client = await server.ConnectRegisteredAsync();
        foreach (var dn in new[] { "5001", "5002", "5003" })
        {
            Assert.Equal(MessageType.EventRegistered, (await client.RequestAsync(new TlibMessage(MessageType.RequestRegisterAddress) { ThisDN = dn })).Type);
        }

        var refused = await client.RequestAsync(new TlibMessage(MessageType.RequestRegisterAddress) { ThisDN = "5004", ReferenceID = 44 });
        Assert.Equal(MessageType.EventError, refused.Type);
        Assert.Equal(44, refused.ReferenceID);
        Assert.Equal("5004", refused.ThisDN);
        Assert.Equal((int)ErrorCode.TERR_NOMORE_LICENSE, refused.ErrorCode);
        Assert.Equal("Cannot register DN 5004: this client has registered 3 DNs, the most allowed (TServer:MaxDnsPerClient)", refused.ErrorMessage);
        var line = await server.Logs.WaitForAsync(1204);
        Assert.Contains("refused DN 5004: 3 DNs registered", line.Message, StringComparison.Ordinal);

        // Still usable: a DN it holds registers again, a freed place is taken, other requests are served.
        Assert.Equal(MessageType.EventRegistered, (await client.RequestAsync(new TlibMessage(MessageType.RequestRegisterAddress) { ThisDN = "5002" })).Type);
        Assert.Equal(MessageType.EventUnregistered, (await client.RequestAsync(new TlibMessage(MessageType.RequestUnregisterAddress) { ThisDN = "5001" })).Type);
        Assert.Equal(MessageType.EventRegistered, (await client.RequestAsync(new TlibMessage(MessageType.RequestRegisterAddress) { ThisDN = "5004" })).Type);
        Assert.Equal(MessageType.EventServerInfo, (await client.RequestAsync(new TlibMessage(MessageType.RequestQueryServer))).Type);
        Assert.Equal(new[] { "5002", "5003", "5004" }, Assert.Single(server.Server.GetClients()).RegisteredDNs);
        Assert.Equal(3, server.Server.RegisteredDnCount);

        // The limit is per client.
        await using var other = await server.ConnectRegisteredAsync();
        foreach (var dn in new[] { "5001", "5002", "5003" })
        {
            Assert.Equal(MessageType.EventRegistered, (await other.RequestAsync(new TlibMessage(MessageType.RequestRegisterAddress) { ThisDN = dn })).Type);
        }
    }

    [Fact]
    public void DefaultsLetARecorderRegisterTensOfThousandsOfDns_AndTheLoopbackBenchmarkConnect500Clients()
    {
        var options = new TServerOptions();
        Assert.Equal(50_000, options.MaxDnsPerClient);
        Assert.True(options.MaxClientsPerAddress >= 500 + 4, "ctigw bench fanout --clients 500 opens 500 receivers and 4 publishers from one address");
        Assert.True(options.MaxClientsPerAddress < options.MaxClients, "one host cannot take every slot");
        Assert.Equal(10, options.RegistrationTimeoutSeconds);
        Assert.Equal(30, options.FrameTimeoutSeconds);
        Assert.Empty(options.Validate());
    }

    // Refusals of the burst above may still be finishing: connect until one is told why (bounded).
    private static async Task<TlibMessage> RetryUntilToldAsync(TestServer server)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            await using var client = await server.ConnectAsync();
            var messages = await client.ReadUntilClosedAsync(TimeSpan.FromSeconds(30));
            if (messages.Count == 1)
            {
                return messages[0];
            }

            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException("refused connections were still reset without a reason after 30 s");
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}
