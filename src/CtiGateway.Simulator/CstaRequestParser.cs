using System.Buffers;
using System.Text;
using System.Xml;
using CtiGateway.Pbx.Csta;

namespace CtiGateway.Simulator;

/// <summary>
/// Parses the CSTA-XML bodies a gateway sends to the switch (requests and SystemStatusResponse), forward-only with an
/// XmlReader: DTDs prohibited, no resolver, elements matched by local name, nesting and size limited. Errors are
/// <see cref="CstaDialectException"/> with the causes of the gateway-side decoder ("bad-xml", "xml-dtd",
/// "xml-too-deep", "xml-too-large").
/// </summary>
public static class CstaRequestParser
{
    /// <summary>Deepest element nesting accepted (the root is depth 0).</summary>
    public const int MaxDepth = 16;

    private static readonly XmlReaderSettings Settings = CstaXmlReaderSettings.Create();

    /// <summary>Parses one XML body (the <see cref="CstaFrame.Xml"/> of a frame).</summary>
    /// <exception cref="CstaDialectException">The body is malformed or hostile.</exception>
    public static CstaRequest Parse(ReadOnlySequence<byte> xml)
    {
        if (xml.Length > CstaWire.MaxBodySize)
        {
            throw new CstaDialectException("xml-too-large", $"CSTA-XML request of {xml.Length} bytes is over the maximum of {CstaWire.MaxBodySize}.");
        }

        try
        {
            using var stream = new MemoryStream(xml.ToArray(), writable: false);
            using var reader = XmlReader.Create(stream, Settings);
            return ParseDocument(reader);
        }
        catch (XmlException ex) when (ex.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase))
        {
            throw new CstaDialectException("xml-dtd", $"CSTA-XML request carries a DTD, which is prohibited: {ex.Message}", "");
        }
        catch (XmlException ex)
        {
            throw new CstaDialectException("bad-xml", $"CSTA-XML request is not well-formed XML: {ex.Message}", "");
        }
        catch (DecoderFallbackException ex)
        {
            throw new CstaDialectException("bad-xml", $"CSTA-XML request is not valid in its declared encoding: {ex.Message}", "");
        }
    }

    /// <summary>
    /// The trimmed text of the first element named <paramref name="localName"/> at any depth (e.g. the
    /// acx:SessionLoginInfo userName of StartApplicationSession), or null.
    /// </summary>
    /// <exception cref="CstaDialectException">The body is malformed or hostile.</exception>
    public static string? FindText(ReadOnlySequence<byte> xml, string localName)
    {
        try
        {
            using var stream = new MemoryStream(xml.ToArray(), writable: false);
            using var reader = XmlReader.Create(stream, Settings);
            while (Read(reader))
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == localName)
                {
                    return reader.IsEmptyElement ? string.Empty : reader.ReadElementContentAsString().Trim();
                }
            }

            return null;
        }
        catch (XmlException ex)
        {
            throw new CstaDialectException("bad-xml", $"CSTA-XML request is not well-formed XML: {ex.Message}", localName);
        }
    }

    /// <summary>Parses one XML body held in memory.</summary>
    public static CstaRequest Parse(ReadOnlyMemory<byte> xml) => Parse(new ReadOnlySequence<byte>(xml));

    private static CstaRequest ParseDocument(XmlReader reader)
    {
        reader.MoveToContent();
        if (reader.NodeType != XmlNodeType.Element)
        {
            throw new CstaDialectException("bad-xml", "CSTA-XML request has no root element.");
        }

        var root = reader.LocalName;
        var ns = reader.NamespaceURI;
        var fields = new Dictionary<string, CstaRequestField>(StringComparer.Ordinal);
        if (!reader.IsEmptyElement)
        {
            string? name = null, text = null, callId = null, deviceId = null, grandchild = null;
            while (Read(reader))
            {
                if (reader.Depth == 1 && reader.NodeType == XmlNodeType.Element)
                {
                    name = reader.LocalName;
                    text = callId = deviceId = null;
                    if (reader.IsEmptyElement)
                    {
                        fields.TryAdd(name, new CstaRequestField(null, null, null));
                        name = null;
                    }
                }
                else if (reader.Depth == 1 && reader.NodeType == XmlNodeType.EndElement && name is not null)
                {
                    fields.TryAdd(name, new CstaRequestField(text, callId, deviceId));
                    name = null;
                }
                else if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA && name is not null)
                {
                    var value = reader.Value.Trim();
                    text ??= value.Length > 0 ? value : null;
                    if (reader.Depth == 3)
                    {
                        // Text of a grandchild: callID or deviceID of a ConnectionID.
                        callId = grandchild == "callID" ? value : callId;
                        deviceId = grandchild == "deviceID" ? value : deviceId;
                    }
                }
                else if (reader.Depth == 2 && reader.NodeType == XmlNodeType.Element)
                {
                    grandchild = reader.LocalName;
                }
            }
        }

        return new CstaRequest(root, ns, fields);
    }

    private static bool Read(XmlReader reader)
    {
        if (!reader.Read())
        {
            return false;
        }

        if (reader.Depth > MaxDepth)
        {
            throw new CstaDialectException(
                "xml-too-deep", $"CSTA-XML request nests deeper than {MaxDepth} elements (at <{reader.LocalName}>).", reader.LocalName);
        }

        return true;
    }
}
