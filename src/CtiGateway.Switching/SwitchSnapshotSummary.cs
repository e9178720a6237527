namespace CtiGateway.Switching;

/// <summary>
/// One SnapshotDevice round on a newly active link: how many monitored devices answered, how many connections they
/// reported in progress (calls that survived the link change), and how many refused or did not answer.
/// </summary>
/// <param name="Link">The link the snapshots ran on.</param>
/// <param name="Devices">Devices asked.</param>
/// <param name="Answered">Devices that answered SnapshotDeviceResponse.</param>
/// <param name="Connections">Connections in progress that the answers listed.</param>
/// <param name="Failed">Devices that answered with a CSTA error or not in time.</param>
internal sealed record SwitchSnapshotSummary(string Link, int Devices, int Answered, int Connections, int Failed);
