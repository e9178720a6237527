using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using CtiGateway.Pbx.Profiles;
using CtiGateway.Simulator;

namespace CtiGateway.Cli.Bench;

/// <summary>
/// The route-point load generator: a simulated switch (OSV style) with route point 3001 and the destination stations,
/// a ctigatewayd child process linked to it with route point 3001 configured, and one router client registered on
/// 3001 that answers every EventRouteRequest at once with RequestRouteCall. Calls arrive at 3001 at the asked rate;
/// the latency runs from just before the switch raises a call's arrival to the router's receipt of its
/// EventRouteUsed (one machine, one Stopwatch clock). Routed calls are hung up so the destinations stay free.
/// </summary>
internal sealed class RouteBenchmark(RouteOptions options, TextWriter log)
{
    private static readonly TimeSpan MaxDrain = TimeSpan.FromSeconds(5);

    public async Task<RouteResult> RunAsync(CancellationToken cancellationToken)
    {
        var calls = new CallsOptions { FirstDn = options.FirstDn, Dns = options.Destinations, Clients = 1 };
        using var files = BenchFiles.Create(calls);
        await File.WriteAllTextAsync(files.ProfilePath, Profile(calls), cancellationToken).ConfigureAwait(false);
        var profile = FirmwareProfileLoader.Load(files.ProfilePath);
        var plan = new SwitchingPlan();
        plan.AddRange(BenchSwitch.SwitchName, options.FirstDn, options.FirstDn + options.Destinations - 1, SimDeviceKind.Extension);
        plan.Add(new SimDevice(RouteOptions.RoutePoint, BenchSwitch.SwitchName, SimDeviceKind.RoutePoint));
        await using var simulator = new CstaSimulatorServer(new SwitchModel(plan, TimeProvider.System), CstaSimulatorOptions.ForProfile(profile));
        simulator.Start(new IPEndPoint(IPAddress.Loopback, 0));
        files.WriteConfig(calls, simulator.LocalEndPoint);
        AddRoutePoint(files.ConfigPath, options.Strategy);

        await using var gateway = await BenchGatewayProcess.StartAsync(options.GatewayPath, files.ConfigPath, log, cancellationToken).ConfigureAwait(false);
        await log.WriteLineAsync($"bench route: gateway pid {gateway.Pid} serving T-Library on {gateway.Endpoint}, switch link to the simulator at {simulator.LocalEndPoint}");
        await WaitForMonitorsAsync(simulator, options.Destinations + 1, cancellationToken).ConfigureAwait(false);

        var arrivals = new ConcurrentDictionary<string, RouteArrival>(StringComparer.Ordinal);
        var router = new RouteRouter(options, arrivals);
        using var connection = await BenchConnection.ConnectAsync(gateway.Endpoint, "ctigw-bench-router", cancellationToken).ConfigureAwait(false);
        await connection.RequestAsync(new TlibMessage(MessageType.RequestRegisterAddress) { ThisDN = RouteOptions.RoutePoint }, 2, cancellationToken).ConfigureAwait(false);
        using var stop = new CancellationTokenSource();
        var receiving = Task.Run(() => connection.ReceiveLoopAsync(router, stop.Token), CancellationToken.None);
        var sending = Task.Run(() => SendLoopAsync(connection, router, stop.Token), CancellationToken.None);
        var hangingUp = Task.Run(() => HangUpLoopAsync(simulator, router, stop.Token), CancellationToken.None);
        try
        {
            // A short warm-up (JIT, first allocations) outside the window.
            await DriveAsync(simulator, arrivals, TimeSpan.FromSeconds(2), inWindow: false, 0, cancellationToken).ConfigureAwait(false);
            var cpu0 = ProcessMeter.CpuTime(gateway.Pid);
            var started = Stopwatch.GetTimestamp();
            var arrived = await DriveAsync(simulator, arrivals, options.Duration, inWindow: true, 1_000_000, cancellationToken).ConfigureAwait(false);
            var window = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var cpu1 = ProcessMeter.CpuTime(gateway.Pid);
            var deadline = Stopwatch.GetTimestamp() + (long)(MaxDrain.TotalSeconds * Stopwatch.Frequency);
            while (!arrivals.IsEmpty && Stopwatch.GetTimestamp() < deadline)
            {
                await Task.Delay(20, CancellationToken.None).ConfigureAwait(false);
            }

            return new RouteResult
            {
                ArrivalsPerSecond = arrived / window,
                Arrivals = arrived,
                RouteRequests = router.Requests,
                RoutesUsed = router.Used,
                Errors = router.Errors,
                RoutedInWindow = router.Latency.Count,
                Unrouted = arrivals.Values.Count(a => a.InWindow),
                P50Milliseconds = router.Latency.PercentileMilliseconds(50),
                P99Milliseconds = router.Latency.PercentileMilliseconds(99),
                P999Milliseconds = router.Latency.PercentileMilliseconds(99.9),
                GatewayCpuPercent = cpu0 is { } c0 && cpu1 is { } c1 ? (c1 - c0).TotalSeconds / window * 100 : null,
                WindowSeconds = window,
            };
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            router.Outgoing.Writer.TryComplete();
            router.Routed.Writer.TryComplete();
            connection.Dispose();
            await Task.WhenAll(receiving, sending, hangingUp).ConfigureAwait(false);
        }
    }

    /// <summary>Calls arrive at the route point at the asked rate for <paramref name="duration"/>; returns how many arrived.</summary>
    private async Task<long> DriveAsync(
        CstaSimulatorServer simulator, ConcurrentDictionary<string, RouteArrival> arrivals, TimeSpan duration, bool inWindow, int firstCaller, CancellationToken cancellationToken)
    {
        var total = (long)(duration.TotalSeconds * options.RequestsPerSecond);
        var start = Stopwatch.GetTimestamp();
        var ticksPerCall = Stopwatch.Frequency / (double)options.RequestsPerSecond;
        for (long i = 0; i < total && !cancellationToken.IsCancellationRequested; i++)
        {
            var due = start + (long)(i * ticksPerCall);
            // Sleep until the arrival is due; never spin: on a 2-core box a spinning driver takes the CPU the gateway
            // needs. Each arrival is stamped when it is raised, so the timer's jitter does not enter the latency.
            var wait = due - Stopwatch.GetTimestamp();
            if (wait > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency), cancellationToken).ConfigureAwait(false);
            }

            var ani = (600_000_000L + firstCaller + i).ToString("0000000000", CultureInfo.InvariantCulture);
            var arrival = new RouteArrival(Stopwatch.GetTimestamp(), inWindow);
            arrivals[ani] = arrival;
            arrival.CallId = simulator.Invoke(m => m.DeliverInboundCall(ani, RouteOptions.RoutePoint));
        }

        return total;
    }

    private static async Task SendLoopAsync(BenchConnection connection, RouteRouter router, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var frame in router.Outgoing.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                await connection.SendAsync(frame, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or System.Net.Sockets.SocketException or ObjectDisposedException or IOException)
        {
            // Stopped.
        }
    }

    // Routed calls are ended by the caller, so the destinations are free for the next round.
    private static async Task HangUpLoopAsync(CstaSimulatorServer simulator, RouteRouter router, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var arrival in router.Routed.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                while (arrival.CallId is null && !cancellationToken.IsCancellationRequested)
                {
                    await Task.Delay(1, cancellationToken).ConfigureAwait(false);
                }

                if (arrival.CallId is { } callId)
                {
                    simulator.Invoke(m => m.ExternalPartyHangsUp(callId));
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    private async Task WaitForMonitorsAsync(CstaSimulatorServer simulator, int devices, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        while (simulator.Invoke(m => m.MonitorCount) < devices)
        {
            if (Stopwatch.GetElapsedTime(started) > TimeSpan.FromSeconds(120))
            {
                throw new TimeoutException($"the gateway's switch link did not monitor the {devices} devices within 120 s");
            }

            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }

        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"bench route: the gateway monitors route point {RouteOptions.RoutePoint} and {devices - 1} stations; {options.RequestsPerSecond} calls/s for {options.Duration.TotalSeconds:0.###} s"));
    }

    /// <summary>The bench profile with route point 3001 in its numbering plan and DeflectCall among its services.</summary>
    private static string Profile(CallsOptions calls)
    {
        var profile = (JsonObject)JsonNode.Parse(BenchFiles.Profile(calls))!;
        ((JsonArray)profile["numbering-plan"]!).Add(new JsonObject { ["from"] = RouteOptions.RoutePoint, ["to"] = RouteOptions.RoutePoint, ["type"] = "route-point" });
        ((JsonArray)profile["services"]!).Add("DeflectCall");
        return profile.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>
    /// Route point 3001 in the gateway config (no default destination: the router, or the strategy's sessions, route
    /// every call).
    /// </summary>
    private static void AddRoutePoint(string configPath, string? strategy)
    {
        var config = (JsonObject)JsonNode.Parse(File.ReadAllText(configPath))!;
        var sw = (JsonObject)((JsonArray)config["Switches"]!)[0]!;
        var routePoint = new JsonObject { ["Dn"] = RouteOptions.RoutePoint, ["RouterTimeoutSeconds"] = 10 };
        if (strategy is not null)
        {
            routePoint["Strategy"] = strategy;
        }

        sw["RoutePoints"] = new JsonArray(routePoint);
        File.WriteAllText(configPath, config.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }
}
