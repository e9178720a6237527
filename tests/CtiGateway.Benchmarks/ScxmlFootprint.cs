using System.Diagnostics;
using CtiGateway.Scxml;

namespace CtiGateway.Benchmarks;

/// <summary>
/// Retained memory per idle routing-like session (bench-session.scxml waiting in waitCall): heap after a full GC with
/// N live sessions, minus the heap before, divided by N; then the same after <c>call.arrived</c> (the sessions' engines
/// were created; parked data models release them) and the cost of one <c>route.failed</c> round trip per session with the
/// data model parked in between. <c>--no-park</c> turns parking off for comparison. Also a quick throughput check
/// without BenchmarkDotNet.
/// </summary>
internal static class ScxmlFootprint
{
    public static int Run(int count, bool park)
    {
        var document = ScxmlCharts.Load("bench-session.scxml");
        var scheduler = new VirtualTimeScxmlScheduler();
        using var runtime = new ScxmlRuntime(scheduler, new ScxmlRuntimeOptions { ParkIdleDataModels = park });
        ScxmlCharts.RunToEnd(runtime, scheduler, ScxmlCharts.Load("bench-empty.scxml"));
        var warm = runtime.Start(document);
        scheduler.RunUntil(() => false, TimeSpan.Zero, TimeSpan.Zero);
        var before = Heap();
        var sessions = new List<ScxmlSessionHandle>(count);
        for (var i = 0; i < count; i++)
        {
            sessions.Add(runtime.Start(document));
        }

        scheduler.RunUntil(() => false, TimeSpan.Zero, TimeSpan.Zero);
        var after = Heap();
        Console.WriteLine($"sessions: {count} live ({runtime.SessionCount} in the runtime), parking {(park ? "on" : "off")}");
        Console.WriteLine($"idle in waitCall: retained {(after - before) / 1024.0 / 1024.0:F1} MiB, {(after - before) / (double)count / 1024.0:F2} KiB per session");
        foreach (var session in sessions)
        {
            session.Send("call.arrived", """{"callId":"c1","ani":"5551234"}""");
        }

        scheduler.RunUntil(() => false, TimeSpan.Zero, TimeSpan.Zero);
        var routing = Heap();
        Console.WriteLine($"waiting in selectTarget after call.arrived (engine created): {(routing - before) / (double)count / 1024.0:F2} KiB per session, {runtime.SessionCount} live, "
            + $"{sessions.Count(s => s.IsDataModelParked)} parked, {sessions.Count(s => s.HasEngine)} holding an engine");
        for (var round = 1; round <= 2; round++)
        {
            var clock = Stopwatch.StartNew();
            foreach (var session in sessions)
            {
                session.Send("route.failed");
                scheduler.RunUntil(() => false, TimeSpan.Zero, TimeSpan.Zero);
            }

            clock.Stop();
            var retry = Heap();
            Console.WriteLine($"route.failed round {round} (retry, back in selectTarget): {clock.Elapsed.TotalMicroseconds / count:F1} us per event, "
                + $"{(retry - before) / (double)count / 1024.0:F2} KiB per session, {sessions.Count(s => s.IsDataModelParked)} parked");
        }

        GC.KeepAlive(sessions);
        GC.KeepAlive(warm);
        sessions.Clear();
        runtime.Dispose();
        return 0;
    }

    public static int Quick()
    {
        var scheduler = new VirtualTimeScxmlScheduler();
        using var runtime = new ScxmlRuntime(scheduler, new ScxmlRuntimeOptions { MaxMicrostepsPerMacrostep = 10_000_000 });
        foreach (var name in new[] { "bench-microsteps.scxml", "bench-pingpong.scxml" })
        {
            var document = ScxmlCharts.Load(name);
            for (var round = 0; round < 3; round++)
            {
                var clock = Stopwatch.StartNew();
                var final = ScxmlCharts.RunToEnd(runtime, scheduler, document);
                Console.WriteLine($"{name}: {final} in {clock.Elapsed.TotalMilliseconds:F0} ms = {1_000_001 / clock.Elapsed.TotalSeconds:N0} microsteps/s");
            }
        }

        var empty = ScxmlCharts.Load("bench-empty.scxml");
        for (var round = 0; round < 3; round++)
        {
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < 20_000; i++)
            {
                ScxmlCharts.RunToEnd(runtime, scheduler, empty);
            }

            Console.WriteLine($"bench-empty.scxml: {20_000 / clock.Elapsed.TotalSeconds:N0} session starts/s");
        }

        return 0;
    }

    private static long Heap()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
