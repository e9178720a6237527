using System.Diagnostics;
using System.Globalization;
using System.Net;
using CtiGateway.Pbx.Profiles;

namespace CtiGateway.Cli.Bench;

/// <summary>
/// The call-traffic load generator: a simulated switch with the bench's DNs, a gateway linked to it (a ctigatewayd
/// child process, or the one at --server), K clients that register every DN between them, and the traffic driver
/// placing calls for the window. Latency is taken per T-Library call event from the moment the switch frame behind it
/// went to the gateway's socket to the moment the client received it (one machine, one Stopwatch clock).
/// </summary>
internal sealed class CallsBenchmark(CallsOptions options, TextWriter log)
{
    private const int ConnectConcurrency = 16;
    private const int RegistrationsPerWrite = 2_000;
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MaxDrain = TimeSpan.FromSeconds(10);

    public async Task<CallsResult> RunAsync(CancellationToken cancellationToken)
    {
        using var files = BenchFiles.Create(options);
        var profile = FirmwareProfileLoader.Load(files.ProfilePath);
        var calls = new BenchCallRegistry(options.Dns);
        await using var sw = BenchSwitch.Start(options, profile, calls, options.SimulatorListen ?? new IPEndPoint(IPAddress.Loopback, 0));
        BenchGatewayProcess? gateway = null;
        var connections = new BenchConnection?[options.Clients];
        var receivers = new CallEventReceiver[options.Clients];
        var receiveLoops = new List<Task>();
        using var stopReceiving = new CancellationTokenSource();
        try
        {
            EndPoint server;
            int? pid;
            if (options.ExternalGateway is { } external)
            {
                server = external;
                pid = options.GatewayPid;
                await log.WriteLineAsync($"bench calls: using the gateway at {external}; its switch link must reach the simulator at {sw.LocalEndPoint} with DNs {options.DnName(0)}-{options.DnName(options.Dns - 1)}");
            }
            else
            {
                files.WriteConfig(options, sw.LocalEndPoint);
                gateway = await BenchGatewayProcess.StartAsync(options.GatewayPath, files.ConfigPath, log, cancellationToken).ConfigureAwait(false);
                server = gateway.Endpoint;
                pid = gateway.Pid;
                await log.WriteLineAsync($"bench calls: gateway pid {pid} serving T-Library on {server}, switch link to the simulator at {sw.LocalEndPoint}");
            }

            await WaitForMonitorsAsync(sw, cancellationToken).ConfigureAwait(false);
            await ConnectClientsAsync(server, calls, connections, receivers, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < options.Clients; i++)
            {
                var (connection, receiver) = (connections[i]!, receivers[i]);
                receiveLoops.Add(Task.Run(() => connection.ReceiveLoopAsync(receiver, stopReceiving.Token), CancellationToken.None));
            }

            return await MeasureAsync(sw, calls, receivers, connections, pid, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await stopReceiving.CancelAsync().ConfigureAwait(false);
            foreach (var connection in connections)
            {
                connection?.Dispose();
            }

            await Task.WhenAll(receiveLoops).ConfigureAwait(false);
            if (gateway is not null)
            {
                await gateway.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task<CallsResult> MeasureAsync(
        BenchSwitch sw, BenchCallRegistry calls, CallEventReceiver[] receivers, BenchConnection?[] connections, int? pid, CancellationToken cancellationToken)
    {
        var driver = new CallTrafficDriver(options, sw.Server, calls);
        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"bench calls: {options.CallsPerSecond} calls/s over {options.Dns} DNs, {options.Clients} clients, {options.Duration.TotalSeconds:0.###} s; answer after {options.AnswerDelay.TotalSeconds:0.###} s, release {options.HoldTime.TotalSeconds:0.###} s later (about {options.CallsPerSecond * options.EffectiveCallLength.TotalSeconds:0} live calls)"));
        var gatewayCpu0 = pid is { } p0 ? ProcessMeter.CpuTime(p0) : null;
        var benchCpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var frames0 = sw.EventFrames;
        var started = Stopwatch.GetTimestamp();
        using var stopDriving = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stopDriving.CancelAfter(options.Duration);
        var driving = Task.Run(() => driver.RunAsync(stopDriving.Token), CancellationToken.None);
        while (!driving.IsCompleted)
        {
            await Task.WhenAny(driving, Task.Delay(ProgressEvery, CancellationToken.None)).ConfigureAwait(false);
            if (!driving.IsCompleted)
            {
                await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"bench calls: {Stopwatch.GetElapsedTime(started).TotalSeconds:0} s: calls {driver.Placed}, live {driver.Live}, switch events {sw.EventFrames - frames0}, client events {receivers.Sum(r => r.Received)}"));
            }
        }

        await driving.ConfigureAwait(false);
        if (cancellationToken.IsCancellationRequested)
        {
            await log.WriteLineAsync("bench calls: interrupted, ending the window now");
        }

        var window = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var switchEvents = sw.EventFrames - frames0;
        var gatewayCpu1 = pid is { } p1 ? ProcessMeter.CpuTime(p1) : null;
        var benchCpu1 = Process.GetCurrentProcess().TotalProcessorTime;
        var placed = driver.Placed;
        var liveAtEnd = driver.Live;

        await DrainAsync(receivers).ConfigureAwait(false);
        var peak = pid is { } p2 ? ProcessMeter.PeakResidentBytes(p2) : null;
        if (options.ExternalGateway is not null)
        {
            driver.ReleaseAll();
        }

        var latency = new LatencyHistogram();
        foreach (var receiver in receivers)
        {
            latency.Merge(receiver.Latency);
        }

        return new CallsResult
        {
            CallsPerSecond = placed / window,
            EventsPerSecond = switchEvents / window,
            P50Milliseconds = latency.PercentileMilliseconds(50),
            P99Milliseconds = latency.PercentileMilliseconds(99),
            P999Milliseconds = latency.PercentileMilliseconds(99.9),
            GatewayCpuPercent = gatewayCpu0 is { } c0 && gatewayCpu1 is { } c1 ? (c1 - c0).TotalSeconds / window * 100 : null,
            GatewayPeakBytes = peak,
            CallsPlaced = placed,
            SwitchEvents = switchEvents,
            ClientEvents = receivers.Sum(r => r.Received),
            Matched = receivers.Sum(r => r.Matched),
            Unmatched = receivers.Sum(r => r.Unmatched),
            OtherMessages = receivers.Sum(r => r.Other),
            Undecodable = receivers.Sum(r => r.Undecodable),
            LiveCallsAtEnd = liveAtEnd,
            Refused = driver.Refused,
            NoFreeDn = driver.NoFreeDn,
            Late = driver.Late,
            ConnectionsLost = connections.Count(c => c is { Lost: true }),
            BenchCpuPercent = (benchCpu1 - benchCpu0).TotalSeconds / window * 100,
            WindowSeconds = window,
        };
    }

    /// <summary>Waits until the simulator has a monitor on every DN (the gateway's MonitorStart round after its link came up).</summary>
    private async Task WaitForMonitorsAsync(BenchSwitch sw, CancellationToken cancellationToken)
    {
        var limit = TimeSpan.FromSeconds(120 + (options.Dns / 500.0));
        var started = Stopwatch.GetTimestamp();
        var lastReport = started;
        while (true)
        {
            var monitors = sw.Server.Invoke(m => m.MonitorCount);
            if (monitors >= options.Dns)
            {
                await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"bench calls: the gateway monitors all {options.Dns} DNs ({Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s)"));
                return;
            }

            if (Stopwatch.GetElapsedTime(started) > limit)
            {
                throw new TimeoutException($"the gateway's switch link did not monitor the {options.Dns} DNs within {limit.TotalSeconds:0} s ({monitors} monitored)");
            }

            if (Stopwatch.GetElapsedTime(lastReport) > ProgressEvery)
            {
                lastReport = Stopwatch.GetTimestamp();
                await log.WriteLineAsync($"bench calls: waiting for the gateway's MonitorStart round: {monitors} of {options.Dns} DNs");
            }

            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Connects the clients; client i registers the DNs d with d % K == i (pipelined).</summary>
    private async Task ConnectClientsAsync(EndPoint server, BenchCallRegistry calls, BenchConnection?[] connections, CallEventReceiver[] receivers, CancellationToken cancellationToken)
    {
        await log.WriteLineAsync($"bench calls: connecting {options.Clients} clients, registering {options.Dns} DNs");
        var started = Stopwatch.GetTimestamp();
        using var gate = new SemaphoreSlim(ConnectConcurrency);
        await Task.WhenAll(Enumerable.Range(0, options.Clients).Select(async i =>
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var connection = await BenchConnection.ConnectAsync(server, $"ctigw-bench-calls-{i}", cancellationToken).ConfigureAwait(false);
                connections[i] = connection;
                var dns = Enumerable.Range(0, options.Dns).Where(d => d % options.Clients == i)
                    .Select(d => new TlibMessage(MessageType.RequestRegisterAddress) { ThisDN = options.DnName(d) })
                    .ToList();
                for (var first = 0; first < dns.Count; first += RegistrationsPerWrite)
                {
                    var chunk = dns.GetRange(first, Math.Min(RegistrationsPerWrite, dns.Count - first));
                    await connection.RequestAllAsync(chunk, 2 + first, cancellationToken).ConfigureAwait(false);
                }

                receivers[i] = new CallEventReceiver(calls, options.FirstDn);
            }
            finally
            {
                gate.Release();
            }
        })).ConfigureAwait(false);
        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"bench calls: clients ready ({Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s)"));
    }

    /// <summary>Waits until the clients stop receiving call events (quiet for a second), at most <see cref="MaxDrain"/>.</summary>
    private static async Task DrainAsync(CallEventReceiver[] receivers)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(MaxDrain.TotalSeconds * Stopwatch.Frequency);
        var last = -1L;
        var lastChange = Stopwatch.GetTimestamp();
        while (Stopwatch.GetTimestamp() < deadline)
        {
            var received = receivers.Sum(r => r.Received);
            if (received != last)
            {
                last = received;
                lastChange = Stopwatch.GetTimestamp();
            }
            else if (Stopwatch.GetElapsedTime(lastChange) > TimeSpan.FromSeconds(1))
            {
                return;
            }

            await Task.Delay(20).ConfigureAwait(false);
        }
    }
}
