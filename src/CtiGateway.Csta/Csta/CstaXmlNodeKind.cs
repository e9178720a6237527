namespace CtiGateway.Pbx.Csta;

/// <summary>
/// The nodes the UTF-8 CSTA-XML scanner reports, as XmlReader reports them with comments, processing instructions and
/// insignificant white space ignored.
/// </summary>
internal enum CstaXmlNodeKind : byte
{
    /// <summary>Before the first node or after the end.</summary>
    None,

    /// <summary>A start tag or an empty-element tag.</summary>
    Element,

    /// <summary>An end tag (an empty-element tag has none).</summary>
    EndElement,

    /// <summary>Character data and references between two pieces of markup, not all white space.</summary>
    Text,

    /// <summary>A CDATA section.</summary>
    CData,

    /// <summary>White space only, inside an element with <c>xml:space="preserve"</c> in scope.</summary>
    SignificantWhitespace,
}
