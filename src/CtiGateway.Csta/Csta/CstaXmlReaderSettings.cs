using System.Xml;

namespace CtiGateway.Pbx.Csta;

/// <summary>
/// The hardened XmlReader settings shared by the gateway's CSTA decoder and the simulator's request parser: DTDs
/// prohibited, no resolver, the document bounded by <see cref="CstaWire.MaxBodySize"/> characters and entity expansion
/// by 1024, comments, processing instructions and whitespace skipped, one document per body, input left open.
/// </summary>
internal static class CstaXmlReaderSettings
{
    /// <summary>New settings; <paramref name="nameTable"/> bounds the names a reader interns (null: a fresh table per reader).</summary>
    public static XmlReaderSettings Create(XmlNameTable? nameTable = null) => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = CstaWire.MaxBodySize,
        MaxCharactersFromEntities = 1024,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CloseInput = false,
        ConformanceLevel = ConformanceLevel.Document,
        NameTable = nameTable,
    };
}
