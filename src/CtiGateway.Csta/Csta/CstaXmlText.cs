using System.Buffers;
using System.Text;

namespace CtiGateway.Pbx.Csta;

/// <summary>The byte-level XML writing shared by the gateway's CSTA encoder and the simulator's switch-side writer.</summary>
internal static class CstaXmlText
{
    /// <summary>Writes <paramref name="value"/> escaped for text and attribute content; rejects characters XML 1.0 forbids.</summary>
    public static void WriteEscaped(IBufferWriter<byte> output, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            ReadOnlySpan<byte> escape = c switch
            {
                '&' => "&amp;"u8,
                '<' => "&lt;"u8,
                '>' => "&gt;"u8,
                '"' => "&quot;"u8,
                '\'' => "&apos;"u8,
                _ => default,
            };
            if (escape.IsEmpty)
            {
                if (c < 0x20 && c is not '\t' and not '\n' and not '\r')
                {
                    throw new ArgumentException($"Character U+{(int)c:X4} at index {i} cannot be written in CSTA-XML.", nameof(value));
                }

                continue;
            }

            WriteUtf8(output, value.AsSpan(start, i - start));
            output.Write(escape);
            start = i + 1;
        }

        WriteUtf8(output, value.AsSpan(start));
    }

    /// <summary>Writes an element or attribute name (ASCII).</summary>
    public static void WriteAscii(IBufferWriter<byte> output, string name)
    {
        var span = output.GetSpan(name.Length);
        output.Advance(Encoding.ASCII.GetBytes(name, span));
    }

    /// <summary>Writes characters as UTF-8 without escaping.</summary>
    public static void WriteUtf8(IBufferWriter<byte> output, ReadOnlySpan<char> chars)
    {
        if (!chars.IsEmpty)
        {
            var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(chars.Length));
            output.Advance(Encoding.UTF8.GetBytes(chars, span));
        }
    }
}
