using CtiGateway.Protocol;

namespace CtiGateway.Switching;

/// <summary>
/// A redirect or transfer sent from one switch to a DN of another over the trunk, waiting for its second leg: the new
/// call that arrives at <see cref="TargetDn"/> on <see cref="TargetSwitch"/>. <see cref="UserData"/> is the first
/// leg's user data when the request was taken (set on the source switch's loop).
/// </summary>
internal sealed class PendingCrossSwitchTransfer(string sourceSwitch, ConnId sourceConnId, string targetSwitch, string targetDn, long expiresAt)
{
    public string SourceSwitch { get; } = sourceSwitch;

    public ConnId SourceConnId { get; } = sourceConnId;

    public string TargetSwitch { get; } = targetSwitch;

    public string TargetDn { get; } = targetDn;

    /// <summary>Timestamp (of the service's time provider) after which the entry is dropped.</summary>
    public long ExpiresAt { get; } = expiresAt;

    /// <summary>The first leg's user data (null: none, or not read yet).</summary>
    public KeyValueList? UserData { get; set; }
}
