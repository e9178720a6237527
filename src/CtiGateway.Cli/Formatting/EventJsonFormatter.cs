using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace CtiGateway.Cli;

/// <summary>
/// The JSON form of an event: one object per line, <c>"Event"</c> first, then the attributes in message order under
/// their reference names. Int values are numbers (enum-typed ones too), a ConnID (and every ConnID-typed Long) is a
/// string of 16 lowercase hex digits, other Long values are numbers, Binary is base64, a key-value list is an object
/// (nested lists nest), Mask is 128 hex digits, Time is ISO 8601 UTC.
/// </summary>
internal static class EventJsonFormatter
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Formats one event as a JSON object on one line, without the newline.</summary>
    public static string Format(TlibMessage message)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartObject();
            writer.WriteString("Event", message.Name);
            foreach (ref readonly var attribute in message.Attributes)
            {
                writer.WritePropertyName(attribute.Name);
                WriteValue(writer, attribute.Id, attribute.Value);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteValue(Utf8JsonWriter writer, AttributeId id, in AttributeValue value)
    {
        switch (value.Type)
        {
            case AttributeValueType.String:
                writer.WriteStringValue(value.AsString());
                break;
            case AttributeValueType.Int:
                writer.WriteNumberValue(value.AsInt());
                break;
            case AttributeValueType.Long when AttributeKinds.IsConnId(id):
                writer.WriteStringValue(new ConnId(unchecked((ulong)value.AsLong())).ToString());
                break;
            case AttributeValueType.Long:
                writer.WriteNumberValue(value.AsLong());
                break;
            case AttributeValueType.Binary:
                writer.WriteBase64StringValue(value.AsBinary());
                break;
            case AttributeValueType.List:
                WriteList(writer, value.AsList());
                break;
            default:
                writer.WriteStringValue(value.ToString());
                break;
        }
    }

    private static void WriteList(Utf8JsonWriter writer, KeyValueList list)
    {
        writer.WriteStartObject();
        foreach (var (key, value) in list)
        {
            writer.WritePropertyName(key);
            switch (value.Type)
            {
                case KeyValueType.Int:
                    writer.WriteNumberValue(value.AsInt());
                    break;
                case KeyValueType.Binary:
                    writer.WriteBase64StringValue(value.AsBinary());
                    break;
                case KeyValueType.List:
                    WriteList(writer, value.AsList());
                    break;
                default:
                    writer.WriteStringValue(value.AsString());
                    break;
            }
        }

        writer.WriteEndObject();
    }
}
