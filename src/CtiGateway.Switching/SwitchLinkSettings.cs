namespace CtiGateway.Switching;

/// <summary>One link of a switch in the configuration (<c>Switches:N:Links:M</c>).</summary>
public sealed class SwitchLinkSettings
{
    /// <summary>Host name or address of the switch's CSTA endpoint.</summary>
    public string Host { get; set; } = string.Empty;

    /// <summary>TCP port of the switch's CSTA endpoint (1..65535).</summary>
    public int Port { get; set; }

    /// <summary>Priority: 1 is the most preferred; traffic runs on the up link with the lowest value.</summary>
    public int Priority { get; set; } = 1;
}
