namespace CtiGateway.Pbx.Links;

/// <summary>
/// The link that carries a switch's traffic changed. The upper layer re-issues MonitorStart and SnapshotDevice on
/// <see cref="Current"/> (null when no link of the switch is up).
/// </summary>
public sealed record ActiveLinkChange(string SwitchName, CstaTcpLink? Previous, CstaTcpLink? Current, string Reason);
