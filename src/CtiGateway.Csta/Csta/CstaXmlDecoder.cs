using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace CtiGateway.Pbx.Csta;

/// <summary>
/// Decodes CSTA Phase III XML bodies (ECMA-323; ed3, ed4, ed3/privN and ECMA-354 alike: elements are matched by
/// local name, the namespace is recorded) into typed records, forward-only and without a DOM. A UTF-8 body (every
/// real link) is read by a scanner over its bytes (<see cref="CstaXmlScanner"/>, <see cref="CstaXmlUtf8Parser"/>) that
/// allocates only the decoded record and the strings it keeps; a body in another encoding, or with an unusual XML
/// declaration, goes to the XmlReader path (<see cref="CstaXmlReaderDecoder"/>). Both accept the same XML and give the
/// same records. Hostile XML is rejected, never expanded: a DTD is "xml-dtd", entity references other than the five
/// predefined ones are "bad-xml", nesting is limited to <see cref="MaxDepth"/> ("xml-too-deep") and the body to
/// <see cref="CstaWire.MaxBodySize"/> bytes ("xml-too-large"). Other malformed XML is "bad-xml" with the byte offset
/// (<see cref="CstaDialectException.Offset"/>); a missing mandatory element is "missing-element" with its path.
/// Unknown root elements decode to <see cref="CstaUnknownMessage"/>.
/// </summary>
public static class CstaXmlDecoder
{
    /// <summary>Deepest element nesting accepted (the root is depth 0). Real bodies stay under 8.</summary>
    public const int MaxDepth = 32;

    /// <summary>Decodes one XML body (the <see cref="CstaFrame.Xml"/> of a frame).</summary>
    /// <exception cref="CstaDialectException">The body is malformed, hostile or lacks a mandatory element.</exception>
    public static CstaMessage Decode(ReadOnlySequence<byte> xml)
    {
        if (xml.Length > CstaWire.MaxBodySize)
        {
            throw new CstaDialectException("xml-too-large", $"CSTA-XML body of {xml.Length} bytes is over the maximum of {CstaWire.MaxBodySize}.");
        }

        if (xml.IsSingleSegment)
        {
            return TryDecodeUtf8(xml.FirstSpan, out var message) ? message : CstaXmlReaderDecoder.Decode(xml);
        }

        // A body split across buffer segments is copied once: the scanner works on one span.
        var length = (int)xml.Length;
        var copy = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            xml.CopyTo(copy);
            return TryDecodeUtf8(copy.AsSpan(0, length), out var message) ? message : CstaXmlReaderDecoder.Decode(xml);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(copy);
        }
    }

    /// <summary>Decodes one XML body held in memory.</summary>
    public static CstaMessage Decode(ReadOnlyMemory<byte> xml) => Decode(new ReadOnlySequence<byte>(xml));

    /// <summary>
    /// Decodes a body with the UTF-8 scanner. Returns false, having read nothing, for a body the scanner leaves to the
    /// XmlReader path: one that starts with a UTF-16 or UTF-32 byte order mark or zero bytes, or whose XML declaration
    /// is not <c>version="1.0"</c> with an optional <c>encoding="UTF-8"</c> and <c>standalone="yes|no"</c>.
    /// </summary>
    /// <exception cref="CstaDialectException">The body is malformed, hostile or lacks a mandatory element.</exception>
    internal static bool TryDecodeUtf8(ReadOnlySpan<byte> body, [NotNullWhen(true)] out CstaMessage? message)
    {
        if (!TryReadProlog(body, out var contentStart))
        {
            message = null;
            return false;
        }

        var invalid = CstaXmlScanner.FindInvalidCharacter(body, out var ascii);
        if (invalid >= 0)
        {
            throw new CstaDialectException(
                "bad-xml",
                string.Create(CultureInfo.InvariantCulture, $"CSTA-XML body is not well-formed at byte {invalid}: byte 0x{body[invalid]:X2} is not valid UTF-8 or starts a character XML does not allow."),
                "",
                invalid);
        }

        var scratch = CstaXmlScratch.Rent(body.Length);
        try
        {
            message = new CstaXmlUtf8Parser(body, contentStart, ascii, scratch).ParseDocument();
            return true;
        }
        finally
        {
            CstaXmlScratch.Return(scratch);
        }
    }

    /// <summary>Whether <see cref="TryDecodeUtf8"/> takes the body (rather than leaving it to the XmlReader path).</summary>
    internal static bool IsForScanner(ReadOnlySpan<byte> body) => TryReadProlog(body, out _);

    /// <summary>
    /// Whether the body is UTF-8 in the plain form the scanner takes; <paramref name="contentStart"/> is then the offset
    /// after the UTF-8 byte order mark and the XML declaration, if any.
    /// </summary>
    private static bool TryReadProlog(ReadOnlySpan<byte> body, out int contentStart)
    {
        contentStart = 0;
        if (body.Length >= 2 && (body[0] is 0x00 or 0xFE or 0xFF || body[1] == 0x00))
        {
            return false;
        }

        if (body.StartsWith((ReadOnlySpan<byte>)[0x4C, 0x6F, 0xA7, 0x94]))
        {
            return false;
        }

        if (body.StartsWith("\uFEFF"u8))
        {
            contentStart = 3;
        }

        var rest = body[contentStart..];
        if (rest.StartsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"u8))
        {
            // The declaration real switches send.
            contentStart += 38;
        }
        else if (rest.Length > 5 && rest.StartsWith("<?xml"u8) && (CstaXmlScanner.IsWhitespace(rest[5]) || rest[5] == (byte)'?'))
        {
            if (!TryReadPlainDeclaration(rest, out var length))
            {
                return false;
            }

            contentStart += length;
        }

        return true;
    }

    /// <summary>Reads <c>&lt;?xml version="1.0" [encoding="UTF-8"] [standalone="yes|no"]?&gt;</c> (any case of UTF-8, either quote).</summary>
    private static bool TryReadPlainDeclaration(ReadOnlySpan<byte> text, out int length)
    {
        length = 0;
        var p = 5;
        if (!Whitespace(text, ref p) || !Pseudo(text, ref p, "version"u8, out var version) || !version.SequenceEqual("1.0"u8))
        {
            return false;
        }

        var spaced = Whitespace(text, ref p);
        if (spaced && text[p..].StartsWith("encoding"u8))
        {
            if (!Pseudo(text, ref p, "encoding"u8, out var encoding) || !Ascii.EqualsIgnoreCase(encoding, "UTF-8"u8))
            {
                return false;
            }

            spaced = Whitespace(text, ref p);
        }

        if (spaced && text[p..].StartsWith("standalone"u8))
        {
            if (!Pseudo(text, ref p, "standalone"u8, out var standalone) || !(standalone.SequenceEqual("yes"u8) || standalone.SequenceEqual("no"u8)))
            {
                return false;
            }

            Whitespace(text, ref p);
        }

        if (!text[p..].StartsWith("?>"u8))
        {
            return false;
        }

        length = p + 2;
        return true;

        static bool Whitespace(ReadOnlySpan<byte> text, ref int p)
        {
            var start = p;
            while (p < text.Length && CstaXmlScanner.IsWhitespace(text[p]))
            {
                p++;
            }

            return p > start;
        }

        static bool Pseudo(ReadOnlySpan<byte> text, ref int p, ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value)
        {
            value = default;
            if (!text[p..].StartsWith(name))
            {
                return false;
            }

            p += name.Length;
            Whitespace(text, ref p);
            if (p >= text.Length || text[p] != (byte)'=')
            {
                return false;
            }

            p++;
            Whitespace(text, ref p);
            if (p >= text.Length || text[p] is not (byte)'"' and not (byte)'\'')
            {
                return false;
            }

            var quote = text[p];
            var close = text[(p + 1)..].IndexOf(quote);
            if (close < 0)
            {
                return false;
            }

            value = text.Slice(p + 1, close);
            p += close + 2;
            return true;
        }
    }
}
