namespace CtiGateway.Switching;

/// <summary>
/// One link of a switch in the configuration (<c>Switches:N:Links:M</c>). Which keys apply depends on the profile's
/// transport: TCP client (<c>Host</c>, <c>Port</c> of the switch), TCP server for a dial-in PBX (<c>Host</c>, <c>Port</c>
/// of the gateway's listening endpoint) or serial (<c>Device</c>, and optional line overrides).
/// </summary>
public sealed class SwitchLinkSettings
{
    /// <summary>TCP client: host name or address of the switch's CSTA endpoint. TCP server: the local IP address to listen on (empty: all).</summary>
    public string Host { get; set; } = string.Empty;

    /// <summary>TCP client: port of the switch's CSTA endpoint (1..65535). TCP server: the port to listen on (0: any free port, logged).</summary>
    public int Port { get; set; }

    /// <summary>Serial: the device of the line (<c>/dev/ttyS0</c>, <c>/dev/ttyUSB0</c>).</summary>
    public string Device { get; set; } = string.Empty;

    /// <summary>Serial: line speed instead of the profile's.</summary>
    public int? Baud { get; set; }

    /// <summary>Serial: data bits (5..8) instead of the profile's.</summary>
    public int? DataBits { get; set; }

    /// <summary>Serial: parity (none, even, odd, mark, space) instead of the profile's.</summary>
    public string? Parity { get; set; }

    /// <summary>Serial: stop bits (1, 1.5, 2) instead of the profile's.</summary>
    public string? StopBits { get; set; }

    /// <summary>Serial: flow control (none, xon-xoff, rts-cts) instead of the profile's.</summary>
    public string? FlowControl { get; set; }

    /// <summary>Priority: 1 is the most preferred; traffic runs on the up link with the lowest value.</summary>
    public int Priority { get; set; } = 1;
}
