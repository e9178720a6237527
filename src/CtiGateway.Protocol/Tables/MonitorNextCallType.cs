// Values from the public T-Library tables (docs: ../../docs/wire-format.md, source: reference tlib.md).
namespace CtiGateway.Protocol;

/// <summary>TMonitorNextCallType (AttributeMonitorNextCallType 101).</summary>
public enum MonitorNextCallType
{
    /// <summary>MonitorOneCall (0).</summary>
    MonitorOneCall = 0,
    /// <summary>MonitorAllCalls (1).</summary>
    MonitorAllCalls = 1,
}
