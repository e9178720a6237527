namespace CtiGateway.Pbx.Links;

/// <summary>State of a switch link as reported upward (becomes EventLinkConnected / EventLinkDisconnected).</summary>
public enum LinkState
{
    /// <summary>Not connected (initially, and after a loss while reconnecting).</summary>
    Down,

    /// <summary>Connected and framing.</summary>
    Up,
}
