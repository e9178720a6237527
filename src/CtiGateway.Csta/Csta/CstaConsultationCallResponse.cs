namespace CtiGateway.Pbx.Csta;

/// <summary>ConsultationCallResponse: the consulting device's connection in the new consultation call.</summary>
public sealed record CstaConsultationCallResponse(string Element, string Namespace, CstaConnectionId InitiatedCall) : CstaMessage(Element, Namespace);
