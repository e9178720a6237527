namespace CtiGateway.Pbx.Links;

/// <summary>One link of a switch with its priority (1 is the most preferred).</summary>
public sealed record SwitchLinkMember(CstaTcpLink Link, int Priority);
