using CtiGateway.CallModel;
using CtiGateway.Protocol;

namespace CtiGateway.Benchmarks;

/// <summary>A call-model sink that counts what it is given and keeps nothing (the events become garbage at once).</summary>
internal sealed class CountingCallModelSink : ICallModelSink
{
    public long Published { get; private set; }

    public long Faults { get; private set; }

    public long Resyncs { get; private set; }

    public CallModelFault? LastFault { get; private set; }

    public void Publish(string dn, TlibMessage tlibEvent) => Published++;

    public void HardwareError(CallModelFault fault)
    {
        Faults++;
        LastFault = fault;
    }

    public void Resynchronise(CallResyncRequest request) => Resyncs++;
}
