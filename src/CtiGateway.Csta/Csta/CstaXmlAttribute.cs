namespace CtiGateway.Pbx.Csta;

/// <summary>
/// One attribute of the start tag being scanned: its qualified name and its raw value as slices of the body.
/// <paramref name="Colon"/> is the offset of the prefix colon within the name, or -1.
/// </summary>
internal readonly record struct CstaXmlAttribute(int NameStart, int NameLength, int Colon, int ValueStart, int ValueLength, bool ValueHasReferences);
