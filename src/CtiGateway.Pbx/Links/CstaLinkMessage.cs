using CtiGateway.Pbx.Csta;

namespace CtiGateway.Pbx.Links;

/// <summary>A decoded CSTA message delivered upward, with the link and invoke id it came with.</summary>
public sealed record CstaLinkMessage(string LinkName, int InvokeId, CstaMessage Message);
