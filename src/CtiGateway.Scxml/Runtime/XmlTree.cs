using System.Text;
using System.Text.Json;
using System.Xml.Linq;

namespace CtiGateway.Scxml.Runtime;

/// <summary>Converts XML text into the JSON tree the ECMAScript DOM is built from.</summary>
internal static class XmlTree
{
    /// <summary>Parses XML content (one or more elements, safely) into a JSON array of node trees; null when it is not XML.</summary>
    public static string? ToJson(string xml, int maxCharacters)
    {
        XDocument document;
        try
        {
            using var reader = new StringReader("<__scxml_wrapper>" + xml + "</__scxml_wrapper>");
            document = DocumentParser.ReadXml(reader, maxCharacters + 64);
        }
        catch (System.Xml.XmlException)
        {
            return null;
        }

        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var node in document.Root!.Nodes())
            {
                Write(writer, node);
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Write(Utf8JsonWriter writer, XNode node)
    {
        switch (node)
        {
            case XElement element:
                writer.WriteStartObject();
                writer.WriteNumber("t", 1);
                var prefix = element.GetPrefixOfNamespace(element.Name.Namespace);
                writer.WriteString("n", string.IsNullOrEmpty(prefix) ? element.Name.LocalName : prefix + ":" + element.Name.LocalName);
                writer.WriteString("l", element.Name.LocalName);
                if (element.Name.NamespaceName.Length > 0)
                {
                    writer.WriteString("ns", element.Name.NamespaceName);
                }
                else
                {
                    writer.WriteNull("ns");
                }

                writer.WriteStartArray("a");
                foreach (var attribute in element.Attributes())
                {
                    if (attribute.IsNamespaceDeclaration)
                    {
                        continue;
                    }

                    writer.WriteStartArray();
                    writer.WriteStringValue(attribute.Name.LocalName);
                    writer.WriteStringValue(attribute.Value);
                    writer.WriteEndArray();
                }

                writer.WriteEndArray();
                writer.WriteStartArray("c");
                foreach (var child in element.Nodes())
                {
                    Write(writer, child);
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
                break;
            case XCData cdata:
                writer.WriteStartObject();
                writer.WriteNumber("t", 4);
                writer.WriteString("v", cdata.Value);
                writer.WriteEndObject();
                break;
            case XText text:
                writer.WriteStartObject();
                writer.WriteNumber("t", 3);
                writer.WriteString("v", text.Value);
                writer.WriteEndObject();
                break;
        }
    }
}
