using BenchmarkDotNet.Attributes;

namespace CtiGateway.Benchmarks;

/// <summary>Adds <see cref="AllocationPerTlibEventColumn"/> to a benchmark class's summary.</summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class AllocationPerTlibEventColumnAttribute : ColumnConfigBaseAttribute
{
    public AllocationPerTlibEventColumnAttribute()
        : base(new AllocationPerTlibEventColumn())
    {
    }
}
