namespace CtiGateway.Pbx.Csta;

/// <summary>A well-formed body whose root element the dialect does not decode; it names the element.</summary>
public sealed record CstaUnknownMessage(string Element, string Namespace) : CstaMessage(Element, Namespace);
