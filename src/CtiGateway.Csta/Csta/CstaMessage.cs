namespace CtiGateway.Pbx.Csta;

/// <summary>A decoded CSTA-XML body. <see cref="Element"/> is the root element's local name.</summary>
/// <param name="Element">The root element's local name, e.g. "DeliveredEvent".</param>
/// <param name="Namespace">The root element's namespace URI (ed3, ed4, ed3/privN, ...; empty when none).</param>
public abstract record CstaMessage(string Element, string Namespace);
