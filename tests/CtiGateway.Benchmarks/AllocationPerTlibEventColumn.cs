using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace CtiGateway.Benchmarks;

/// <summary>
/// <c>Alloc/TlibEvent</c>: the bytes allocated per T-Library event published, from the MemoryDiagnoser's bytes per
/// CSTA event and the mix's fixed ratio of events (<see cref="CallModelBenchmarks.CstaEventsPerRound"/> CSTA events give
/// <see cref="CallModelBenchmarks.TlibEventsPerRound"/> T-Library events, checked at setup).
/// </summary>
internal sealed class AllocationPerTlibEventColumn : IColumn
{
    public string Id => nameof(AllocationPerTlibEventColumn);

    public string ColumnName => "Alloc/TlibEvent";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Metric;

    public int PriorityInCategory => 1;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Size;

    public string Legend => "Bytes allocated per T-Library event published (per CSTA event x CSTA events / T-Library events)";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        if (summary[benchmarkCase]?.GcStats is not { } gc || gc.GetBytesAllocatedPerOperation(benchmarkCase) is not { } perCstaEvent)
        {
            return "-";
        }

        var perTlibEvent = (double)perCstaEvent * CallModelBenchmarks.CstaEventsPerRound / CallModelBenchmarks.TlibEventsPerRound;
        return perTlibEvent.ToString("0", System.Globalization.CultureInfo.InvariantCulture) + " B";
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public override string ToString() => ColumnName;
}
