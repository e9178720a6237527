namespace CtiGateway.Protocol;

/// <summary>addp-trace: where ADDP polls and replies are logged.</summary>
public enum AddpTrace : byte
{
    /// <summary>No trace (false, no, off).</summary>
    Off = 0,

    /// <summary>This side traces (true, yes, on, local).</summary>
    Local = 1,

    /// <summary>The peer traces (remote).</summary>
    Remote = 2,

    /// <summary>Both sides trace (full, both).</summary>
    Full = 3,
}
