using System.Diagnostics;
using System.Net;

namespace CtiGateway.Cli.Bench;

/// <summary>
/// The query load generator: N connections, each registered on every DN of the range and sending RequestQueryAddress
/// for them round-robin, pipelined; a timed window, a drain, and the accounting (answers per second of the window,
/// latency from send to answer).
/// </summary>
internal sealed class QueryBenchmark(QueryOptions options, EndPoint server, TextWriter log)
{
    public async Task<QueryResult> RunAsync(CancellationToken cancellationToken)
    {
        var dns = Enumerable.Range(0, options.Dns).Select(options.DnName).ToArray();
        var connections = new List<BenchConnection>();
        var clients = new List<QueryClient>();
        using var stopReceiving = new CancellationTokenSource();
        var receiveLoops = new List<Task>();
        try
        {
            await log.WriteLineAsync($"bench query: {options.Connections} connections registering DNs {dns[0]}-{dns[^1]} at {server}");
            for (var c = 0; c < options.Connections; c++)
            {
                var connection = await BenchConnection.ConnectAsync(server, $"ctigw-bench-query-{c}", cancellationToken);
                connections.Add(connection);
                var registered = await connection.RequestAllAsync(
                    [.. dns.Select(dn => new TlibMessage(MessageType.RequestRegisterAddress) { ThisDN = dn })], 2, cancellationToken);
                if (registered.FirstOrDefault(m => m.Type != MessageType.EventRegistered) is { } refused)
                {
                    throw new InvalidOperationException($"bench query: the gateway refused a DN registration: {refused.Name} {refused.ErrorCode} {refused.ErrorMessage}");
                }

                var client = new QueryClient(connection, dns, options.InfoType, options.Window);
                clients.Add(client);
                receiveLoops.Add(Task.Run(() => connection.ReceiveLoopAsync(client, stopReceiving.Token), CancellationToken.None));
            }

            await log.WriteLineAsync($"bench query: AddressInfoType {options.InfoType}, window {options.Window} per connection, {options.Duration.TotalSeconds:0.###} s");
            using var stopQuerying = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var started = Stopwatch.GetTimestamp();
            var querying = clients.Select(c => Task.Run(() => c.QueryAsync(stopQuerying.Token), CancellationToken.None)).ToArray();
            try
            {
                await Task.Delay(options.Duration, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                await log.WriteLineAsync("bench query: interrupted, ending the window now");
            }

            var answeredInWindow = clients.Sum(c => c.Answered + c.Errors);
            var window = Stopwatch.GetElapsedTime(started);
            await stopQuerying.CancelAsync();
            await Task.WhenAll(querying);

            var deadline = Stopwatch.GetTimestamp() + (long)(options.MaxDrain.TotalSeconds * Stopwatch.Frequency);
            while (clients.Any(c => c.Outstanding > 0) && Stopwatch.GetTimestamp() < deadline)
            {
                await Task.Delay(10, CancellationToken.None);
            }

            await stopReceiving.CancelAsync();
            await Task.WhenAll(receiveLoops);
            var latency = new LatencyHistogram();
            foreach (var client in clients)
            {
                latency.Merge(client.Latency);
            }

            return new QueryResult
            {
                AnsweredPerSecond = answeredInWindow / Math.Max(window.TotalSeconds, 1e-3),
                P50Milliseconds = latency.PercentileMilliseconds(50),
                P99Milliseconds = latency.PercentileMilliseconds(99),
                Sent = clients.Sum(c => c.Sent),
                Answered = clients.Sum(c => c.Answered),
                Errors = clients.Sum(c => c.Errors),
                FirstError = clients.Select(c => c.FirstError).FirstOrDefault(e => e is not null) ?? string.Empty,
                Unexpected = clients.Sum(c => c.Unexpected),
                ConnectionsLost = connections.Count(c => c.Lost),
            };
        }
        finally
        {
            await stopReceiving.CancelAsync();
            foreach (var connection in connections)
            {
                connection.Dispose();
            }

            await Task.WhenAll(receiveLoops);
        }
    }
}
