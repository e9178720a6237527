namespace CtiGateway.Pbx.Links;

/// <summary>A link went up or down.</summary>
/// <param name="LinkName">The link.</param>
/// <param name="State">The new state.</param>
/// <param name="Reason">Why (e.g. "connected to tcp client to 10.0.0.5:1040", "closed by the switch", "keep-alive: 3 intervals without traffic").</param>
/// <param name="Time">When.</param>
public sealed record LinkStateChanged(string LinkName, LinkState State, string Reason, DateTimeOffset Time);
