namespace CtiGateway.Pbx.Csta;

/// <summary>
/// An element whose end tag the scanner still waits for: its qualified name as a slice of the body (for the end-tag
/// match), the namespace declarations in scope before it (dropped again at its end) and its xml:space.
/// </summary>
internal readonly record struct CstaXmlOpenElement(int NameStart, int NameLength, int Colon, int NamespaceMark, bool Preserve);
