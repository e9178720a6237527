namespace CtiGateway.Pbx.Csta;

/// <summary>Avaya DMCC GetDeviceIdResponse: the device identifier the AES assigned to an extension.</summary>
public sealed record CstaGetDeviceIdResponse(string Element, string Namespace, string Device) : CstaMessage(Element, Namespace);
