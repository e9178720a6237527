// Values from the public T-Library tables (docs: ../../docs/wire-format.md, source: reference tlib.md).
namespace CtiGateway.Protocol;

/// <summary>MsgWaitingInfoType (AttributeAddressInfoStatus when the info type is MessageWaitingStatus).</summary>
public enum MsgWaitingInfoType
{
    /// <summary>Activated (0).</summary>
    Activated = 0,
    /// <summary>Deactivated (1).</summary>
    Deactivated = 1,
    /// <summary>ExecActivated (2).</summary>
    ExecActivated = 2,
    /// <summary>ExecDeactivated (3).</summary>
    ExecDeactivated = 3,
    /// <summary>NotAllowed (4).</summary>
    NotAllowed = 4,
}
