namespace CtiGateway.Pbx.Csta;

/// <summary>MakeCallResponse: the calling device's connection in the new call.</summary>
public sealed record CstaMakeCallResponse(string Element, string Namespace, CstaConnectionId CallingDevice) : CstaMessage(Element, Namespace);
