namespace CtiGateway.Switching;

/// <summary>
/// The DN sources of one switch for the directory and its checks: the profile's numbering-plan ranges and the switch's
/// own entries (those that parsed), in configuration order.
/// </summary>
internal sealed record SwitchDnPlan(int Index, string Name, string Key, string ProfileId, IReadOnlyList<DnBlock> Plan, IReadOnlyList<DnBlock> Entries, int EntryCount);
