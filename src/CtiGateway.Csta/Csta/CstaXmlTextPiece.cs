namespace CtiGateway.Pbx.Csta;

/// <summary>One text, CDATA or significant white-space node of a CSTA-XML body: its raw bytes as a slice of the body.</summary>
internal readonly record struct CstaXmlTextPiece(int Start, int Length, CstaXmlNodeKind Kind);
