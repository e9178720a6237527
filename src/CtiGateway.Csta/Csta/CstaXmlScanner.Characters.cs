using System.Buffers;
using System.Globalization;
using System.Text;
using System.Xml;

namespace CtiGateway.Pbx.Csta;

/// <summary>The scanner's character level: names, references, white space and the decoding of character data.</summary>
internal ref partial struct CstaXmlScanner
{
    /// <summary>Parses a reference at <paramref name="amp"/> ('&amp;') that must end before <paramref name="end"/>; returns the offset after its ';'.</summary>
    private readonly int ParseReference(int amp, int end, out int value, out bool isCharacter)
    {
        var p = amp + 1;
        if (p < end && _xml[p] == (byte)'#')
        {
            p++;
            var hex = p < end && _xml[p] == (byte)'x';
            if (hex)
            {
                p++;
            }

            var digits = p;
            var v = 0;
            while (p < end)
            {
                int digit = _xml[p];
                if ((uint)(digit - '0') <= 9)
                {
                    digit -= '0';
                }
                else if (hex && (uint)((digit | 0x20) - 'a') <= 5)
                {
                    digit = (digit | 0x20) - 'a' + 10;
                }
                else
                {
                    break;
                }

                if (v <= 0x10FFFF)
                {
                    v = (v * (hex ? 16 : 10)) + digit;
                }

                p++;
            }

            if (p == digits || p >= end || _xml[p] != (byte)';')
            {
                throw Malformed(amp, hex ? "a malformed hexadecimal character reference" : "a malformed decimal character reference");
            }

            if (!IsXmlCharacter(v))
            {
                throw Malformed(amp, v > 0x10FFFF ? "a character reference beyond U+10FFFF" : "a character reference to U+" + v.ToString("X4", CultureInfo.InvariantCulture) + ", which is not an XML character");
            }

            value = v;
            isCharacter = true;
            return p + 1;
        }

        var name = p;
        while (p < end && NameCharClass[_xml[p]] != 0)
        {
            p++;
        }

        if (p >= end || _xml[p] != (byte)';' || p == name)
        {
            throw Malformed(amp, "an '&' that does not start a reference (write &amp;)");
        }

        value = _xml[name..p] switch
        {
            var n when n.SequenceEqual("lt"u8) => '<',
            var n when n.SequenceEqual("gt"u8) => '>',
            var n when n.SequenceEqual("amp"u8) => '&',
            var n when n.SequenceEqual("apos"u8) => '\'',
            var n when n.SequenceEqual("quot"u8) => '"',
            _ => throw MalformedNaming(amp, "a reference to the entity '", name, p - name, "', which is not one of the five predefined ones (no DTD declares entities)"),
        };
        isCharacter = false;
        return p + 1;
    }

    private static bool IsXmlCharacter(int c) =>
        c is 0x9 or 0xA or 0xD or (>= 0x20 and <= 0xD7FF) or (>= 0xE000 and <= 0xFFFD) or (>= 0x10000 and <= 0x10FFFF);

    /// <summary>Parses NCName (':' NCName)? at the position; returns the colon's offset in the name, or -1.</summary>
    private int ParseQualifiedName(out int start, out int length)
    {
        var xml = _xml;
        start = _pos;
        var p = NcNameEnd(xml, start);
        var colon = -1;
        if (p < xml.Length && xml[p] == (byte)':')
        {
            colon = p - start;
            p = NcNameEnd(xml, p + 1);
            if (p < xml.Length && xml[p] == (byte)':')
            {
                throw Malformed(p, "a second ':' in a name");
            }
        }

        _pos = p;
        length = p - start;
        return colon;
    }

    /// <summary>
    /// The end of the name without ':' that starts at <paramref name="p"/> (XmlReader's name characters: XML 1.0 4th
    /// edition); refuses a character no name can start with.
    /// </summary>
    private static int NcNameEnd(ReadOnlySpan<byte> xml, int p)
    {
        if (p >= xml.Length)
        {
            throw Malformed(p, "the body ends where a name was expected");
        }

        var b = xml[p];
        if (NameCharClass[b] >= 2)
        {
            p++;
        }
        else
        {
            var length = b >= 0x80 ? NonAsciiNameCharLength(xml, p, start: true) : 0;
            if (length == 0)
            {
                throw Malformed(p, "a name starts with a character names cannot start with");
            }

            p += length;
        }

        while (p < xml.Length)
        {
            b = xml[p];
            if (NameCharClass[b] != 0)
            {
                p++;
                continue;
            }

            var length = b >= 0x80 ? NonAsciiNameCharLength(xml, p, start: false) : 0;
            if (length == 0)
            {
                break;
            }

            p += length;
        }

        return p;
    }

    /// <summary>The UTF-8 length of the non-ASCII character at <paramref name="p"/> if it may start (or continue) a name, else 0.</summary>
    private static int NonAsciiNameCharLength(ReadOnlySpan<byte> xml, int p, bool start) =>
        Rune.DecodeFromUtf8(xml[p..], out var rune, out var length) == OperationStatus.Done && rune.IsBmp
        && (start ? XmlConvert.IsStartNCNameChar((char)rune.Value) : XmlConvert.IsNCNameChar((char)rune.Value))
            ? length
            : 0;

    /// <summary>Per ASCII byte: 3 starts and continues a name (letters, '_'), 1 only continues one (digits, '.', '-').</summary>
    private static ReadOnlySpan<byte> NameCharClass =>
    [
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0,
        0, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 0, 0, 0, 0, 3,
        0, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    ];

    /// <summary>Skips white space; true when there was some.</summary>
    private bool SkipWhitespace()
    {
        var start = _pos;
        var p = start;
        while (p < _xml.Length && IsWhitespace(_xml[p]))
        {
            p++;
        }

        _pos = p;
        return p > start;
    }

    /// <summary>
    /// Decodes raw character data (references already checked) as UTF-8: line ends become '\n' (in attribute values,
    /// line ends, tabs and line feeds become ' '), references become their characters. Never longer than the input.
    /// </summary>
    private static int Unescape(ReadOnlySpan<byte> raw, Span<byte> destination, bool references, bool attribute)
    {
        var stops = attribute ? AttributeStops : TextStops;
        var written = 0;
        var i = 0;
        while (i < raw.Length)
        {
            var k = raw[i..].IndexOfAny(stops);
            if (k < 0)
            {
                raw[i..].CopyTo(destination[written..]);
                written += raw.Length - i;
                break;
            }

            raw.Slice(i, k).CopyTo(destination[written..]);
            written += k;
            i += k;
            switch (raw[i])
            {
                case (byte)'\r':
                    destination[written++] = attribute ? (byte)' ' : (byte)'\n';
                    i += i + 1 < raw.Length && raw[i + 1] == (byte)'\n' ? 2 : 1;
                    break;
                case (byte)'\n' or (byte)'\t':
                    destination[written++] = (byte)' ';
                    i++;
                    break;
                default:
                    if (!references)
                    {
                        destination[written++] = raw[i++];
                        break;
                    }

                    i = UnescapeReference(raw, i, destination, ref written);
                    break;
            }
        }

        return written;
    }

    private static int UnescapeReference(ReadOnlySpan<byte> raw, int amp, Span<byte> destination, ref int written)
    {
        var semicolon = amp + raw[amp..].IndexOf((byte)';');
        var name = raw[(amp + 1)..semicolon];
        int value;
        if (name[0] == (byte)'#')
        {
            var hex = name.Length > 1 && name[1] == (byte)'x';
            value = 0;
            foreach (var b in name[(hex ? 2 : 1)..])
            {
                value = hex ? (value * 16) + (b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10) : (value * 10) + (b - '0');
            }
        }
        else
        {
            value = name[0] switch
            {
                (byte)'l' => '<',
                (byte)'g' => '>',
                (byte)'q' => '"',
                _ => name[1] == (byte)'m' ? '&' : '\'',
            };
        }

        written += new Rune(value).EncodeToUtf8(destination[written..]);
        return semicolon + 1;
    }
}
