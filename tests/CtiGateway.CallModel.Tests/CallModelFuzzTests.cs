using System.Diagnostics;
using CtiGateway.Simulator;

namespace CtiGateway.CallModel.Tests;

/// <summary>
/// 100,000 random but well-formed CSTA sequences from the simulated switch, shuffled, duplicated, with events for
/// unknown calls and after calls ended (fixed seed): the model never throws, every inconsistency is a hardware error,
/// and no call stays once the switch or a snapshot says it is gone.
/// </summary>
public sealed class CallModelFuzzTests
{
    private const int Cases = 100_000;
    private const int Seed = 90_210;

    [Fact]
    public void Random_sequences_never_throw_and_the_model_ends_as_the_switch()
    {
        var plan = new SwitchingPlan();
        plan.AddRange("tel_sw", 5001, 5006, SimDeviceKind.Extension);
        plan.Add(new SimDevice("4001", "tel_sw", SimDeviceKind.AcdQueue));
        plan.Add(new SimDevice("3001", "tel_sw", SimDeviceKind.RoutePoint));
        var directory = SwitchRig.DirectoryOf(plan);
        var stats = new FuzzStats();
        var seeds = new Random(Seed);
        var clock = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        for (var i = 0; i < Cases; i++)
        {
            var seed = seeds.Next();
            try
            {
                new FuzzCase(plan, directory, seed, stats).Run();
            }
            catch (Exception ex)
            {
                // Run the case again with a trace of the switch's events and the model's output, to explain it.
                var trace = new List<string>();
                try
                {
                    new FuzzCase(plan, directory, seed, new FuzzStats(), trace).Run();
                }
                catch (Exception again)
                {
                    trace.Add("failed again: " + again.Message);
                }

                Assert.Fail($"Fuzz case {i} (seed {seed}) failed: {ex.Message}{Environment.NewLine}{string.Join(Environment.NewLine, trace)}{Environment.NewLine}{ex}");
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"{stats} in {clock.Elapsed.TotalSeconds:F1} s ({(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F1} s of CPU)");
        Assert.Equal(Cases, stats.Cases);
        Assert.True(stats.Perturbed > Cases / 5, stats.ToString());
        Assert.True(stats.Duplicates > stats.Cases, stats.ToString());
        Assert.True(stats.InjectedUnknown > 0 && stats.InjectedAfterEnd > 0 && stats.InjectedCopies > 0 && stats.InjectedCallCleared > 0, stats.ToString());
        Assert.True(stats.Faults > 0 && stats.CallResyncs > 0, stats.ToString());
    }
}
