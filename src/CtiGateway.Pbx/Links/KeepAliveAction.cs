namespace CtiGateway.Pbx.Links;

/// <summary>What <see cref="KeepAliveMonitor.Poll"/> asks the link to do.</summary>
public enum KeepAliveAction
{
    /// <summary>Nothing due.</summary>
    None,

    /// <summary>The link was idle for an interval: send a keep-alive request.</summary>
    SendKeepAlive,

    /// <summary><c>kpl-tolerance</c> consecutive intervals passed without traffic: the link is lost.</summary>
    LinkDown,
}
