using System.Diagnostics;
using System.Net;

namespace CtiGateway.Cli.Bench;

/// <summary>
/// The fan-out load generator: N receivers over M DNs, P publishers, a timed publish window, a drain, and the
/// accounting. The connection, receiver and histogram pieces are shared with other benches.
/// </summary>
internal sealed class FanoutBenchmark(FanoutOptions options, EndPoint server, TextWriter log)
{
    private const int ConnectConcurrency = 16;

    public async Task<FanoutResult> RunAsync(CancellationToken cancellationToken)
    {
        var dnNames = Enumerable.Range(0, options.Dns).Select(FanoutOptions.DnName).ToArray();
        var receivers = new FanoutReceiver[options.Clients];
        var receiverConnections = new BenchConnection[options.Clients];
        var publisherConnections = new List<BenchConnection>();
        using var stopReceiving = new CancellationTokenSource();
        var receiveLoops = new List<Task>();
        try
        {
            await log.WriteLineAsync($"bench fanout: connecting {options.Clients} clients on {options.Dns} DNs to {server}");
            using (var gate = new SemaphoreSlim(ConnectConcurrency))
            {
                await Task.WhenAll(Enumerable.Range(0, options.Clients).Select(async i =>
                {
                    await gate.WaitAsync(cancellationToken);
                    try
                    {
                        var connection = await BenchConnection.ConnectAsync(server, $"ctigw-bench-client-{i}", cancellationToken);
                        receiverConnections[i] = connection;
                        var dn = i % options.Dns;
                        await connection.RequestAsync(new TlibMessage(MessageType.RequestRegisterAddress) { ThisDN = dnNames[dn] }, 2, cancellationToken);
                        receivers[i] = new FanoutReceiver(dn, dnNames[dn]);
                    }
                    finally
                    {
                        gate.Release();
                    }
                }));
            }

            foreach (var (connection, receiver) in receiverConnections.Zip(receivers))
            {
                receiveLoops.Add(Task.Run(() => connection.ReceiveLoopAsync(receiver, stopReceiving.Token), CancellationToken.None));
            }

            var publishers = await StartPublishersAsync(dnNames, publisherConnections, receiveLoops, stopReceiving.Token, cancellationToken);
            await log.WriteLineAsync($"bench fanout: {publishers.Length} publishers, window {options.Window}, events of about {options.EventSize} bytes, {options.Duration.TotalSeconds:0.###} s");

            // The publish window.
            using var stopPublishing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var started = Stopwatch.GetTimestamp();
            var publishing = publishers.Select(p => Task.Run(() => p.PublishAsync(stopPublishing.Token), CancellationToken.None)).ToArray();
            try
            {
                await Task.Delay(options.Duration, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                await log.WriteLineAsync("bench fanout: interrupted, ending the publish window now");
            }

            await stopPublishing.CancelAsync();
            var window = Stopwatch.GetElapsedTime(started);
            var deliveredInWindow = receivers.Sum(r => r.Delivered);
            await Task.WhenAll(publishing);

            await DrainAsync(publishers, receivers);
            await stopReceiving.CancelAsync();
            await Task.WhenAll(receiveLoops);
            return Account(publishers, receivers, window, deliveredInWindow, receiverConnections.Concat(publisherConnections).Count(c => c.Lost));
        }
        finally
        {
            await stopReceiving.CancelAsync();
            foreach (var connection in receiverConnections.Where(c => c is not null).Concat(publisherConnections))
            {
                connection.Dispose();
            }

            await Task.WhenAll(receiveLoops);
        }
    }

    private async Task<FanoutPublisher[]> StartPublishersAsync(
        string[] dnNames, List<BenchConnection> connections, List<Task> receiveLoops, CancellationToken stopReceiving, CancellationToken cancellationToken)
    {
        var count = Math.Min(options.Publishers, options.Dns);
        var padding = PublishTemplate.PaddingFor(dnNames[0], options.EventSize);
        var publishers = new FanoutPublisher[count];
        for (var p = 0; p < count; p++)
        {
            var connection = await BenchConnection.ConnectAsync(server, $"ctigw-bench-publisher-{p}", cancellationToken);
            connections.Add(connection);
            var dns = Enumerable.Range(0, options.Dns).Where(dn => dn % count == p).ToArray();
            var templates = dns.Select(dn => PublishTemplate.Create(dnNames[dn], padding)).ToArray();
            var publisher = new FanoutPublisher(connection, dns, templates, options.Window);
            publishers[p] = publisher;
            receiveLoops.Add(Task.Run(() => connection.ReceiveLoopAsync(publisher, stopReceiving), CancellationToken.None));
        }

        return publishers;
    }

    /// <summary>Waits for every acknowledgement, then for deliveries to stop growing (or reach the total), within the drain limit.</summary>
    private async Task DrainAsync(FanoutPublisher[] publishers, FanoutReceiver[] receivers)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(options.MaxDrain.TotalSeconds * Stopwatch.Frequency);
        var clientsPerDn = ClientsPerDn();
        while (publishers.Any(p => p.Outstanding > 0) && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(10);
        }

        var expected = publishers.Sum(p => p.DnIndices.Select((dn, local) => p.Acknowledged(local) * clientsPerDn[dn]).Sum());
        var last = -1L;
        var lastChange = Stopwatch.GetTimestamp();
        while (Stopwatch.GetTimestamp() < deadline)
        {
            var delivered = receivers.Sum(r => r.Delivered);
            if (delivered >= expected)
            {
                return;
            }

            if (delivered != last)
            {
                last = delivered;
                lastChange = Stopwatch.GetTimestamp();
            }
            else if (Stopwatch.GetElapsedTime(lastChange) > TimeSpan.FromSeconds(1))
            {
                return;
            }

            await Task.Delay(10);
        }
    }

    private FanoutResult Account(FanoutPublisher[] publishers, FanoutReceiver[] receivers, TimeSpan window, long deliveredInWindow, int connectionsLost)
    {
        var published = new long[options.Dns];
        foreach (var publisher in publishers)
        {
            for (var local = 0; local < publisher.DnIndices.Length; local++)
            {
                published[publisher.DnIndices[local]] += publisher.Acknowledged(local);
            }
        }

        var delivered = new long[options.Dns];
        var latency = new LatencyHistogram();
        foreach (var receiver in receivers)
        {
            delivered[receiver.DnIndex] += receiver.Delivered;
            latency.Merge(receiver.Latency);
        }

        var seconds = Math.Max(window.TotalSeconds, 1e-3);
        return new FanoutResult
        {
            DeliveredPerSecond = deliveredInWindow / seconds,
            PublishedPerSecond = published.Sum() / seconds,
            P99Milliseconds = latency.PercentileMilliseconds(99),
            Lost = FanoutResult.ComputeLost(published, ClientsPerDn(), delivered),
            Published = published.Sum(),
            Delivered = delivered.Sum(),
            Errors = publishers.Sum(p => p.Errors),
            OutOfOrder = receivers.Sum(r => r.OutOfOrder),
            Misrouted = receivers.Sum(r => r.Misrouted),
            Undecodable = receivers.Sum(r => r.Undecodable),
            ConnectionsLost = connectionsLost,
        };
    }

    private int[] ClientsPerDn()
    {
        var clients = new int[options.Dns];
        for (var i = 0; i < options.Clients; i++)
        {
            clients[i % options.Dns]++;
        }

        return clients;
    }
}
