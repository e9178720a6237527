namespace CtiGateway.Pbx.Csta;

/// <summary>SystemRegisterResponse: the registration id of SystemStatus reporting.</summary>
public sealed record CstaSystemRegisterResponse(string Element, string Namespace, string SysStatRegisterId) : CstaMessage(Element, Namespace);
