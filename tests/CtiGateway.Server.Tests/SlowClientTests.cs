using CtiGateway.Protocol;

namespace CtiGateway.Server.Tests;

[CollectionDefinition(nameof(MemorySensitive), DisableParallelization = true)]
public sealed class MemorySensitive
{
}

[Collection(nameof(MemorySensitive))]
public sealed class SlowClientTests
{
    private const int QueueBound = 256 * 1024;

    [Fact]
    public async Task ClientThatStopsReading_IsCutAtTheBound_OthersGetEverything_AndMemoryStaysBounded()
    {
        await using var server = await TestServer.StartAsync(o => o.ClientQueueBytes = QueueBound);
        await using var good = await server.ConnectOnDnAsync("slow-dn");
        var slow = await server.ConnectOnDnAsync("slow-dn");
        var slowId = server.Server.GetClients().Max(c => c.Id);

        // ~1 KiB events, published straight into the server; the good client's reads pace the publisher so the good
        // client never has more than 64 events (64 KiB) outstanding.
        var payload = new string('x', 1000);
        var window = new SemaphoreSlim(64, 64);
        var received = 0;
        const int Total = 40_000;
        var reader = Task.Run(
            async () =>
            {
                for (var i = 0; i < Total; i++)
                {
                    var evt = await good.ReceiveAsync();
                    Assert.Equal(i, evt.UserData!.TryGetValue("n", out var n) ? n.AsInt() : -1);
                    Volatile.Write(ref received, i + 1);
                    window.Release();
                }
            },
            TestContext.Current.CancellationToken);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        long maxQueued = 0;
        long pushed = 0;
        for (var i = 0; i < Total; i++)
        {
            using var cts = TestClient.Timeout();
            await window.WaitAsync(cts.Token);
            var evt = new TlibMessage(MessageType.EventUserEvent) { ThisDN = "slow-dn", UserData = new KeyValueList().Add("n", i).Add("pad", payload) };
            server.Server.Publish(evt, "slow-dn");
            pushed += 1050;
            if (i % 256 == 0)
            {
                maxQueued = Math.Max(maxQueued, server.Server.GetClients().Where(c => c.Id == slowId).Select(c => c.QueueBytes).DefaultIfEmpty(0).Max());
            }
        }

        await reader.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.Equal(Total, Volatile.Read(ref received));
        Assert.True(pushed > 10L * QueueBound, $"pushed only {pushed} bytes");

        // The slow client was cut at the bound, with a warning naming it, and the server forgot it.
        var cut = await server.Logs.WaitForAsync(1006);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, cut.Level);
        Assert.Contains($"Client {slowId} ", cut.Message, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1", cut.Message, StringComparison.Ordinal);
        Assert.Equal(1, server.Server.SlowClientsCut);
        await TestServer.EventuallyAsync(() => server.Server.ClientCount == 1, "only the good client is left");
        Assert.True(maxQueued <= QueueBound, $"slow client queue reached {maxQueued} bytes");

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var after = GC.GetTotalMemory(forceFullCollection: true);
        Assert.True(after - before < 32L * 1024 * 1024, $"managed heap grew by {(after - before) / 1024} KiB while {pushed / 1024} KiB were pushed");
        await slow.DisposeAsync();
    }
}
