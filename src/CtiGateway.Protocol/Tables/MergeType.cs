// Values from the public T-Library tables (docs: ../../docs/wire-format.md, source: reference tlib.md).
namespace CtiGateway.Protocol;

/// <summary>TMergeType (AttributeMergeType 66).</summary>
public enum MergeType
{
    /// <summary>ForTransfer (0).</summary>
    ForTransfer = 0,
    /// <summary>ForConference (1).</summary>
    ForConference = 1,
}
