namespace CtiGateway.Pbx.Csta;

/// <summary>
/// One text, CDATA or significant white-space node of a CSTA-XML body: its raw bytes as a slice of the body, and whether
/// they differ from its value (references to replace, carriage returns to normalise).
/// </summary>
internal readonly record struct CstaXmlTextPiece(int Start, int Length, CstaXmlNodeKind Kind, bool NeedsDecoding);
