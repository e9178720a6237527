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
}
