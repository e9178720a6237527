using CtiGateway.Protocol;

namespace CtiGateway.CallModel.Tests;

/// <summary>A sink that keeps everything the model outputs, in order.</summary>
internal sealed class RecordingSink : ICallModelSink
{
    public List<(string Dn, TlibMessage Event)> Events { get; } = [];

    public List<CallModelFault> Faults { get; } = [];

    public List<CallResyncRequest> Resyncs { get; } = [];

    /// <summary>Calls that arrived at a routing point (<see cref="ICallModelSink.RouteRequested"/>).</summary>
    public List<RoutePointArrival> RouteArrivals { get; } = [];

    public void Publish(string dn, TlibMessage tlibEvent) => Events.Add((dn, tlibEvent));

    public void HardwareError(CallModelFault fault) => Faults.Add(fault);

    public void Resynchronise(CallResyncRequest request) => Resyncs.Add(request);

    public void RouteRequested(RoutePointArrival arrival) => RouteArrivals.Add(arrival);

    public void Clear()
    {
        Events.Clear();
        Faults.Clear();
        Resyncs.Clear();
        RouteArrivals.Clear();
    }

    /// <summary>The events sent to <paramref name="dn"/>, as their names.</summary>
    public List<string> NamesFor(string dn) => [.. Events.Where(e => e.Dn == dn).Select(e => e.Event.Name)];

    /// <summary>The events sent to <paramref name="dn"/>.</summary>
    public List<TlibMessage> For(string dn) => [.. Events.Where(e => e.Dn == dn).Select(e => e.Event)];

    public override string ToString() => string.Join(Environment.NewLine, Events.Select(e => $"{e.Dn}: {e.Event}"));
}
