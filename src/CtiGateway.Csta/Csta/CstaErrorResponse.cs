namespace CtiGateway.Pbx.Csta;

/// <summary>A CSTAErrorCode response: the error category element (e.g. "operation") and its value.</summary>
public sealed record CstaErrorResponse(string Element, string Namespace, string Category, string Value) : CstaMessage(Element, Namespace);
