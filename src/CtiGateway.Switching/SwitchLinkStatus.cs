namespace CtiGateway.Switching;

/// <summary>The state and counters of one link, for <c>ctigw server-info</c>.</summary>
/// <param name="Switch">Switch name.</param>
/// <param name="Link">Link name (<c>tel_sw/1</c>).</param>
/// <param name="Endpoint">HOST:PORT of the switch side.</param>
/// <param name="State">"up", "down", "connecting", ...</param>
/// <param name="Active">True when the link carries the switch's traffic.</param>
/// <param name="LastError">The last hardware error or connect failure, or empty.</param>
/// <param name="FramesIn">Frames received.</param>
/// <param name="FramesOut">Frames sent.</param>
/// <param name="BytesIn">Bytes received.</param>
/// <param name="BytesOut">Bytes sent.</param>
/// <param name="HardwareErrors">Hardware errors reported.</param>
/// <param name="Reconnects">Reconnects scheduled.</param>
public sealed record SwitchLinkStatus(
    string Switch,
    string Link,
    string Endpoint,
    string State,
    bool Active,
    string LastError,
    long FramesIn,
    long FramesOut,
    long BytesIn,
    long BytesOut,
    long HardwareErrors,
    long Reconnects);
