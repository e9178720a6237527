using BenchmarkDotNet.Attributes;
using CtiGateway.Scxml;

namespace CtiGateway.Benchmarks;

/// <summary>
/// SCXML interpreter throughput on one core, in virtual time: microsteps per second on bench-microsteps and
/// bench-pingpong (1,000,001 microsteps per run), and session starts per second on bench-empty.
/// </summary>
[MemoryDiagnoser]
public class ScxmlBenchmarks
{
    private ScxmlDocument _microsteps = null!;
    private ScxmlDocument _pingpong = null!;
    private ScxmlDocument _empty = null!;
    private VirtualTimeScxmlScheduler _scheduler = null!;
    private ScxmlRuntime _runtime = null!;

    [GlobalSetup]
    public void Setup()
    {
        _microsteps = ScxmlCharts.Load("bench-microsteps.scxml");
        _pingpong = ScxmlCharts.Load("bench-pingpong.scxml");
        _empty = ScxmlCharts.Load("bench-empty.scxml");
        _scheduler = new VirtualTimeScxmlScheduler();
        _runtime = new ScxmlRuntime(_scheduler, new ScxmlRuntimeOptions { MaxMicrostepsPerMacrostep = 10_000_000 });
    }

    [GlobalCleanup]
    public void Cleanup() => _runtime.Dispose();

    /// <summary>One op = one microstep (guard + assign, targetless).</summary>
    [Benchmark(OperationsPerInvoke = 1_000_001)]
    public string? Microsteps() => ScxmlCharts.RunToEnd(_runtime, _scheduler, _microsteps);

    /// <summary>One op = one microstep (state change; every other one with guard + assign).</summary>
    [Benchmark(OperationsPerInvoke = 1_000_001)]
    public string? PingPong() => ScxmlCharts.RunToEnd(_runtime, _scheduler, _pingpong);

    /// <summary>One op = one session started and run to its final state.</summary>
    [Benchmark(OperationsPerInvoke = 1000)]
    public string? SessionStarts()
    {
        string? last = null;
        for (var i = 0; i < 1000; i++)
        {
            last = ScxmlCharts.RunToEnd(_runtime, _scheduler, _empty);
        }

        return last;
    }
}
