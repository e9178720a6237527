using CtiGateway.Protocol;

namespace CtiGateway.CallModel;

/// <summary>
/// Where a call model's output goes, called synchronously while an input is applied: T-Library events addressed to
/// DNs, hardware-error records, and requests to resynchronise a call.
/// </summary>
public interface ICallModelSink
{
    /// <summary>
    /// One T-Library event for the clients registered on <paramref name="dn"/>. The event is the sink's: the model
    /// neither keeps nor changes it (its UserData list is a snapshot that is never changed either).
    /// </summary>
    void Publish(string dn, TlibMessage tlibEvent);

    /// <summary>An inconsistency in the switch's call events (a call-level hardware error).</summary>
    void HardwareError(CallModelFault fault);

    /// <summary>
    /// The model no longer trusts what it holds for a call: take a SnapshotDevice of each device named and hand the
    /// replies to <see cref="SwitchCallModel.ApplySnapshot"/>.
    /// </summary>
    void Resynchronise(CallResyncRequest request);

    /// <summary>
    /// A call has arrived at a routing point and waits for a route (its EventRouteRequest was published just before).
    /// The host starts the router timeout, or routes it at once when no router is registered or the call is looping.
    /// </summary>
    void RouteRequested(RoutePointArrival arrival)
    {
    }

    /// <summary>The call left the routing point (routed, or gone): the host stops its router timeout.</summary>
    void RouteEnded(ConnId connId, string routePoint)
    {
    }
}
