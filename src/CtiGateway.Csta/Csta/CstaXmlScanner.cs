using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace CtiGateway.Pbx.Csta;

/// <summary>
/// A forward-only scanner over a CSTA-XML body held as UTF-8 bytes, reporting the nodes an XmlReader with the
/// gateway's settings (<see cref="CstaXmlReaderSettings"/>) reports: elements, end tags, text, CDATA and significant
/// white space, with comments, processing instructions and other white space passed over. It checks what XmlReader
/// checks, so that it accepts no body that XmlReader refuses: names (XML 1.0 4th edition, as XmlReader), attribute
/// syntax and duplicates (also after namespace resolution), namespace declarations and prefixes, the five predefined
/// entities and character references (which must name XML characters), <c>]]&gt;</c> in text, <c>--</c> in comments,
/// matching end tags, one root element and nothing but white space, comments and processing instructions around it.
/// It never expands anything else: a DOCTYPE is "xml-dtd", any other entity reference is "bad-xml". Elements deeper
/// than <see cref="CstaXmlDecoder.MaxDepth"/>, and text inside an element at that depth, are "xml-too-deep" (as the
/// XmlReader path counts depth). Every fault names the byte offset in the body where it was found.
/// The body must have been checked with <see cref="FindInvalidCharacter"/> first (UTF-8 and XML characters).
/// </summary>
internal ref partial struct CstaXmlScanner
{
    private static readonly SearchValues<byte> Whitespace = SearchValues.Create(" \t\r\n"u8);

    /// <summary>The bytes that need no look in the character check: tab, line feed, carriage return and printable ASCII.</summary>
    private static readonly SearchValues<byte> PlainAscii = SearchValues.Create(
        "\t\n\r !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\u007f"u8);

    private static readonly SearchValues<byte> TextStops = SearchValues.Create("&\r"u8);

    /// <summary>Where plain character data ends or stops being plain: markup, a reference, a possible ']]&gt;', a line end.</summary>
    private static readonly SearchValues<byte> TextFastStops = SearchValues.Create("<&]\r"u8);
    private static readonly SearchValues<byte> AttributeStops = SearchValues.Create("&\r\n\t"u8);

    private readonly ReadOnlySpan<byte> _xml;
    private readonly CstaXmlScratch _scratch;
    private CstaXmlOpenElements _open;
    private int _openCount;
    private int _pos;
    private bool _rootStarted;
    private bool _rootEnded;
    private int _pendingNamespaceMark;
    private int _nameStart;
    private int _nameLength;
    private int _colon;
    private CstaXmlTextPiece _text;

    /// <param name="xml">The whole body.</param>
    /// <param name="start">Where the content starts: after a byte order mark and XML declaration, if any.</param>
    /// <param name="scratch">Working memory, rented for this body.</param>
    public CstaXmlScanner(ReadOnlySpan<byte> xml, int start, CstaXmlScratch scratch)
    {
        _xml = xml;
        _pos = start;
        _scratch = scratch;
        _pendingNamespaceMark = -1;
        _colon = -1;
    }

    /// <summary>The namespace name reserved for the prefix <c>xml</c>.</summary>
    public static ReadOnlySpan<byte> XmlNamespace => "http://www.w3.org/XML/1998/namespace"u8;

    /// <summary>The namespace name reserved for <c>xmlns</c> attributes.</summary>
    public static ReadOnlySpan<byte> XmlnsNamespace => "http://www.w3.org/2000/xmlns/"u8;

    /// <summary>The current node.</summary>
    public CstaXmlNodeKind Kind { readonly get; private set; }

    /// <summary>The current node's depth as XmlReader counts it: the root is 0, the root's text and children 1.</summary>
    public int Depth { readonly get; private set; }

    /// <summary>True on an element written <c>&lt;name/&gt;</c> (it gets no <see cref="CstaXmlNodeKind.EndElement"/>).</summary>
    public bool IsEmptyElement { readonly get; private set; }

    /// <summary>On an element or end tag: its local name (after any prefix), a slice of the body.</summary>
    public readonly ReadOnlySpan<byte> LocalName => _xml.Slice(_nameStart + _colon + 1, _nameLength - _colon - 1);

    /// <summary>On a text, CDATA or significant white-space node: where its raw bytes are.</summary>
    public readonly CstaXmlTextPiece Text => _text;

    /// <summary>
    /// The offset of the first byte that is not UTF-8 or not an XML 1.0 character (controls other than tab, line feed
    /// and carriage return; U+FFFE, U+FFFF; surrogates, which UTF-8 cannot carry), or -1. <paramref name="ascii"/>
    /// tells whether the body is all ASCII (then its text needs no UTF-8 decoding).
    /// </summary>
    public static int FindInvalidCharacter(ReadOnlySpan<byte> xml, out bool ascii)
    {
        ascii = true;
        var i = 0;
        while (true)
        {
            var skip = xml[i..].IndexOfAnyExcept(PlainAscii);
            if (skip < 0)
            {
                return -1;
            }

            i += skip;
            ascii = false;
            if (xml[i] < 0x80 || Rune.DecodeFromUtf8(xml[i..], out var rune, out var length) != OperationStatus.Done
                || rune.Value is 0xFFFE or 0xFFFF)
            {
                return i;
            }

            i += length;
        }
    }

    /// <summary>Whether <paramref name="b"/> is XML white space (space, tab, line feed, carriage return).</summary>
    public static bool IsWhitespace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r';

    /// <summary>
    /// Moves to the next node. Returns false after the root element has ended and only white space, comments and
    /// processing instructions followed it.
    /// </summary>
    /// <exception cref="CstaDialectException">The body is not well-formed, too deep or carries a DTD.</exception>
    public bool Read()
    {
        if (_pendingNamespaceMark >= 0)
        {
            _scratch.NamespaceCount = _pendingNamespaceMark;
            _pendingNamespaceMark = -1;
        }

        while (true)
        {
            var pos = _pos;
            if (pos >= _xml.Length)
            {
                return AtEnd();
            }

            if (_xml[pos] != (byte)'<')
            {
                var plain = TryReadPlainText(pos);
                if (plain > 0 || (plain < 0 && ReadText()))
                {
                    return true;
                }

                continue;
            }

            if (pos + 1 >= _xml.Length)
            {
                throw Truncated(pos, "inside a tag");
            }

            switch (_xml[pos + 1])
            {
                case (byte)'/':
                    if (!TryReadPlainEndTag(pos))
                    {
                        ReadEndTag();
                    }

                    return true;
                case (byte)'?':
                    SkipProcessingInstruction();
                    break;
                case (byte)'!':
                    if (ReadBang())
                    {
                        return true;
                    }

                    break;
                default:
                    if (_rootEnded || !TryReadPlainStartTag(pos))
                    {
                        ReadStartTag();
                    }

                    return true;
            }
        }
    }

    /// <summary>
    /// The namespace name of the current element (call it on the element, before the next <see cref="Read"/>): what its
    /// prefix, or the default namespace, is bound to; empty when none.
    /// </summary>
    public readonly ReadOnlySpan<byte> ElementNamespace() =>
        LookupNamespace(_colon < 0 ? default : _xml.Slice(_nameStart, _colon), out _);

    /// <summary>The raw bytes of a text piece.</summary>
    public readonly ReadOnlySpan<byte> Raw(CstaXmlTextPiece piece) => _xml.Slice(piece.Start, piece.Length);

    /// <summary>Writes a text piece decoded as UTF-8 (line ends normalised, references replaced); returns the length.</summary>
    public readonly int Decode(CstaXmlTextPiece piece, Span<byte> destination) =>
        Unescape(Raw(piece), destination, references: piece.Kind != CstaXmlNodeKind.CData, attribute: false);

    private bool AtEnd()
    {
        if (_openCount > 0)
        {
            var open = _open[_openCount - 1];
            throw MalformedNaming(_xml.Length, "the body ends inside <", open.NameStart, open.NameLength, ">");
        }

        if (!_rootStarted)
        {
            throw Malformed(_xml.Length, "the body has no root element");
        }

        Kind = CstaXmlNodeKind.None;
        Depth = 0;
        IsEmptyElement = false;
        return false;
    }

    /// <summary>
    /// The usual text, up to the next '&lt;' with no reference, no ']' and no line end, inside the root element, read in
    /// one pass: 1 when it is a node to report, 0 when it is white space to pass over, -1 (having changed nothing) for
    /// any other.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int TryReadPlainText(int start)
    {
        var stop = _xml[start..].IndexOfAny(TextFastStops);
        if (stop < 0 || _xml[start + stop] != (byte)'<' || _openCount == 0)
        {
            return -1;
        }

        var end = start + stop;
        _pos = end;
        if (IsWhitespace(_xml[start]) && !_xml[start..end].ContainsAnyExcept(Whitespace))
        {
            if (!_open[_openCount - 1].Preserve)
            {
                return 0;
            }

            return ReportText(start, end, CstaXmlNodeKind.SignificantWhitespace, needsDecoding: false) ? 1 : 0;
        }

        return ReportText(start, end, CstaXmlNodeKind.Text, needsDecoding: false) ? 1 : 0;
    }

    /// <summary>Reads character data up to the next '&lt;'; true when it is a node to report.</summary>
    private bool ReadText()
    {
        var start = _pos;
        var stop = _xml[start..].IndexOfAny(TextFastStops);
        var carriageReturn = false;
        if (stop >= 0 && _xml[start + stop] == (byte)'\r')
        {
            // Line ends to normalise, but maybe nothing else.
            carriageReturn = true;
            var rest = _xml[(start + stop)..].IndexOfAny((byte)'<', (byte)'&', (byte)']');
            stop = rest < 0 ? -1 : stop + rest;
        }

        if (stop >= 0 && _xml[start + stop] == (byte)'<' && _openCount > 0)
        {
            // Plain character data: no reference, no ']]>'.
            var plainEnd = start + stop;
            _pos = plainEnd;
            if (IsWhitespace(_xml[start]) && !_xml[start..plainEnd].ContainsAnyExcept(Whitespace))
            {
                if (!_open[_openCount - 1].Preserve)
                {
                    return false;
                }

                return ReportText(start, plainEnd, CstaXmlNodeKind.SignificantWhitespace, carriageReturn);
            }

            return ReportText(start, plainEnd, CstaXmlNodeKind.Text, carriageReturn);
        }

        var lt = stop < 0 ? -1 : _xml[start..].IndexOf((byte)'<');
        var end = lt < 0 ? _xml.Length : start + lt;
        _pos = end;
        if (_openCount == 0)
        {
            var data = _xml[start..end].IndexOfAnyExcept(Whitespace);
            if (data >= 0)
            {
                throw Malformed(start + data, _rootEnded ? "text after the root element" : "text before the root element");
            }

            return false;
        }

        var whitespace = ScanCharacterData(start, end);
        if (whitespace && !_open[_openCount - 1].Preserve)
        {
            return false;
        }

        return ReportText(start, end, whitespace ? CstaXmlNodeKind.SignificantWhitespace : CstaXmlNodeKind.Text, _xml[start..end].ContainsAny(TextStops));
    }

    private bool ReportText(int start, int end, CstaXmlNodeKind kind, bool needsDecoding)
    {
        if (_openCount > CstaXmlDecoder.MaxDepth)
        {
            throw TooDeep(start, "", "text");
        }

        Kind = kind;
        Depth = _openCount;
        IsEmptyElement = false;
        _text = new CstaXmlTextPiece(start, end - start, kind, needsDecoding);
        return true;
    }

    /// <summary>Checks character data (no ']]&gt;', valid references); true when it is white space only.</summary>
    private readonly bool ScanCharacterData(int start, int end)
    {
        var run = _xml[start..end];
        var cdataEnd = run.IndexOf("]]>"u8);
        if (cdataEnd >= 0)
        {
            throw Malformed(start + cdataEnd, "']]>' in text (write ']]&gt;')");
        }

        var amp = run.IndexOf((byte)'&');
        if (amp < 0)
        {
            return !run.ContainsAnyExcept(Whitespace);
        }

        var whitespace = !run[..amp].ContainsAnyExcept(Whitespace);
        var p = start + amp;
        while (true)
        {
            p = ParseReference(p, end, out var value, out var isCharacter);
            whitespace &= isCharacter && value is ' ' or '\t' or '\n' or '\r';
            var next = _xml[p..end].IndexOf((byte)'&');
            var plain = next < 0 ? _xml[p..end] : _xml.Slice(p, next);
            whitespace &= !plain.ContainsAnyExcept(Whitespace);
            if (next < 0)
            {
                return whitespace;
            }

            p += next;
        }
    }

    private void ReadStartTag()
    {
        var tagStart = _pos;
        if (_rootEnded)
        {
            throw Malformed(tagStart, "a second root element");
        }

        _pos = tagStart + 1;
        var colon = ParseQualifiedName(out var nameStart, out var nameLength);
        var depth = _openCount;
        if (depth > CstaXmlDecoder.MaxDepth)
        {
            throw TooDeep(tagStart, Name(nameStart + colon + 1, nameLength - colon - 1), "an element");
        }

        var count = 0;
        bool empty;
        var next = _pos < _xml.Length ? _xml[_pos] : (byte)0;
        if (next == (byte)'>')
        {
            // A prefixed or non-ASCII name and no attributes.
            _pos++;
            empty = false;
        }
        else
        {
            empty = ReadAttributes(tagStart, ref count);
        }

        var mark = _scratch.NamespaceCount;
        var preserve = depth > 0 && _open[depth - 1].Preserve;
        if (count > 0)
        {
            preserve = ProcessAttributes(count, preserve);
        }

        if (colon >= 0)
        {
            LookupNamespace(_xml.Slice(nameStart, colon), out var declared);
            if (!declared)
            {
                throw MalformedNaming(nameStart, "the prefix '", nameStart, colon, "' is not declared");
            }
        }

        _rootStarted = true;
        _nameStart = nameStart;
        _nameLength = nameLength;
        _colon = colon;
        Kind = CstaXmlNodeKind.Element;
        Depth = depth;
        IsEmptyElement = empty;
        if (empty)
        {
            _pendingNamespaceMark = mark;
            _rootEnded = depth == 0;
        }
        else
        {
            _open[depth] = new CstaXmlOpenElement(nameStart, nameLength, colon, mark, preserve);
            _openCount++;
        }
    }

    /// <summary>
    /// The usual CSTA start tag, <c>&lt;name&gt;</c> or <c>&lt;name/&gt;</c> with an ASCII name and no prefix or
    /// attributes, read in one pass; false (having changed nothing) for any other.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryReadPlainStartTag(int tagStart)
    {
        var xml = _xml;
        var nameStart = tagStart + 1;
        var p = nameStart;
        if (p >= xml.Length || NameCharClass[xml[p]] < 2)
        {
            return false;
        }

        p++;
        while (p < xml.Length && NameCharClass[xml[p]] != 0)
        {
            p++;
        }

        if (p >= xml.Length)
        {
            return false;
        }

        bool empty;
        if (xml[p] == (byte)'>')
        {
            empty = false;
        }
        else if (xml[p] == (byte)'/' && p + 1 < xml.Length && xml[p + 1] == (byte)'>')
        {
            empty = true;
        }
        else
        {
            return false;
        }

        var depth = _openCount;
        if (depth > CstaXmlDecoder.MaxDepth)
        {
            return false;
        }

        _rootStarted = true;
        _nameStart = nameStart;
        _nameLength = p - nameStart;
        _colon = -1;
        Kind = CstaXmlNodeKind.Element;
        Depth = depth;
        IsEmptyElement = empty;
        if (empty)
        {
            _pos = p + 2;
            _rootEnded = depth == 0;
        }
        else
        {
            _pos = p + 1;
            _open[depth] = new CstaXmlOpenElement(nameStart, p - nameStart, -1, _scratch.NamespaceCount, depth > 0 && _open[depth - 1].Preserve);
            _openCount = depth + 1;
        }

        return true;
    }

    /// <summary>
    /// The usual end tag, <c>&lt;/name&gt;</c> naming the open element, read in one pass; false (having changed
    /// nothing) for any other.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryReadPlainEndTag(int tagStart)
    {
        var depth = _openCount - 1;
        if (depth < 0)
        {
            return false;
        }

        var open = _open[depth];
        var xml = _xml;
        var nameStart = tagStart + 2;
        var after = nameStart + open.NameLength;
        if (after >= xml.Length || xml[after] != (byte)'>'
            || !xml.Slice(nameStart, open.NameLength).SequenceEqual(xml.Slice(open.NameStart, open.NameLength)))
        {
            return false;
        }

        _pos = after + 1;
        _openCount = depth;
        _scratch.NamespaceCount = open.NamespaceMark;
        _nameStart = open.NameStart;
        _nameLength = open.NameLength;
        _colon = open.Colon;
        _rootEnded = depth == 0;
        Kind = CstaXmlNodeKind.EndElement;
        Depth = depth;
        IsEmptyElement = false;
        return true;
    }

    private void ReadEndTag()
    {
        var tagStart = _pos;
        _pos += 2;
        var open = _openCount > 0 ? _open[_openCount - 1] : default;
        var expected = _xml.Slice(open.NameStart, open.NameLength);
        var after = _pos + expected.Length;
        if (_openCount > 0 && after < _xml.Length && _xml[_pos..].StartsWith(expected) && (_xml[after] == (byte)'>' || IsWhitespace(_xml[after])))
        {
            _pos = after;
        }
        else
        {
            ParseQualifiedName(out var nameStart, out var nameLength);
            if (_openCount == 0)
            {
                throw MalformedNaming(tagStart, "the end tag </", nameStart, nameLength, "> closes no element");
            }

            if (!_xml.Slice(nameStart, nameLength).SequenceEqual(expected))
            {
                throw MalformedNaming(tagStart, "the end tag </", nameStart, nameLength, "> does not match the start tag <" + Name(open.NameStart, open.NameLength) + ">");
            }
        }

        SkipWhitespace();
        if (_pos >= _xml.Length)
        {
            throw Truncated(tagStart, "inside an end tag");
        }

        if (_xml[_pos] != (byte)'>')
        {
            throw Malformed(_pos, "an end tag has something after its name");
        }

        _pos++;
        _openCount--;
        _scratch.NamespaceCount = open.NamespaceMark;
        _nameStart = open.NameStart;
        _nameLength = open.NameLength;
        _colon = open.Colon;
        _rootEnded = _openCount == 0;
        Kind = CstaXmlNodeKind.EndElement;
        Depth = _openCount;
        IsEmptyElement = false;
    }

    private void SkipProcessingInstruction()
    {
        var start = _pos;
        _pos += 2;
        var targetStart = _pos;
        _pos = NcNameEnd(_xml, _pos);
        if (_pos < _xml.Length && _xml[_pos] == (byte)':')
        {
            throw Malformed(_pos, "':' in a processing-instruction target");
        }

        var target = _xml[targetStart.._pos];
        if (target.Length == 3 && (target[0] | 0x20) == 'x' && (target[1] | 0x20) == 'm' && (target[2] | 0x20) == 'l')
        {
            throw Malformed(start, "an XML declaration (or a processing instruction named xml) after the start of the body");
        }

        if (_pos + 1 < _xml.Length && _xml[_pos] == (byte)'?' && _xml[_pos + 1] == (byte)'>')
        {
            _pos += 2;
            return;
        }

        if (_pos >= _xml.Length)
        {
            throw Truncated(start, "inside a processing instruction");
        }

        if (!IsWhitespace(_xml[_pos]))
        {
            throw Malformed(_pos, "no white space after a processing-instruction target");
        }

        var close = _xml[_pos..].IndexOf("?>"u8);
        if (close < 0)
        {
            throw Truncated(start, "inside a processing instruction");
        }

        _pos += close + 2;
    }

    /// <summary>Skips a comment or reads a CDATA section (then true); refuses a DOCTYPE or any other '&lt;!'.</summary>
    private bool ReadBang()
    {
        var start = _pos;
        var rest = _xml[start..];
        if (rest.StartsWith("<!--"u8))
        {
            var body = start + 4;
            var dashes = _xml[body..].IndexOf("--"u8);
            if (dashes < 0 || body + dashes + 2 >= _xml.Length)
            {
                throw Truncated(start, "inside a comment");
            }

            if (_xml[body + dashes + 2] != (byte)'>')
            {
                throw Malformed(body + dashes, "'--' inside a comment");
            }

            _pos = body + dashes + 3;
            return false;
        }

        if (rest.StartsWith("<![CDATA["u8))
        {
            if (_openCount == 0)
            {
                throw Malformed(start, "a CDATA section outside the root element");
            }

            var body = start + 9;
            var close = _xml[body..].IndexOf("]]>"u8);
            if (close < 0)
            {
                throw Truncated(start, "inside a CDATA section");
            }

            if (_openCount > CstaXmlDecoder.MaxDepth)
            {
                throw TooDeep(start, "", "a CDATA section");
            }

            _pos = body + close + 3;
            Kind = CstaXmlNodeKind.CData;
            Depth = _openCount;
            IsEmptyElement = false;
            _text = new CstaXmlTextPiece(body, close, CstaXmlNodeKind.CData, _xml.Slice(body, close).Contains((byte)'\r'));
            return true;
        }

        if (rest.StartsWith("<!DOCTYPE"u8))
        {
            throw Dtd(start);
        }

        throw Malformed(start, "'<!' starts neither a comment nor a CDATA section");
    }

    private readonly string Name(int start, int length) => Encoding.UTF8.GetString(_xml.Slice(start, length));

    [MethodImpl(MethodImplOptions.NoInlining)]
    private readonly CstaDialectException MalformedNaming(int offset, string before, int nameStart, int nameLength, string after) =>
        Malformed(offset, before + Name(nameStart, nameLength) + after);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static CstaDialectException Malformed(int offset, string what) => new(
        "bad-xml",
        string.Create(CultureInfo.InvariantCulture, $"CSTA-XML body is not well-formed at byte {offset}: {what}."),
        "",
        offset);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static CstaDialectException Truncated(int offset, string where) => new(
        "bad-xml",
        string.Create(CultureInfo.InvariantCulture, $"CSTA-XML body ends {where} that starts at byte {offset}."),
        "",
        offset);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static CstaDialectException Dtd(int offset) => new(
        "xml-dtd",
        string.Create(CultureInfo.InvariantCulture, $"CSTA-XML body carries a DTD (<!DOCTYPE at byte {offset}), which is prohibited."),
        "",
        offset);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static CstaDialectException TooDeep(int offset, string element, string what) => new(
        "xml-too-deep",
        string.Create(CultureInfo.InvariantCulture, $"CSTA-XML body nests deeper than {CstaXmlDecoder.MaxDepth} elements ({what} at byte {offset}{(element.Length > 0 ? $", <{element}>" : "")})."),
        element,
        offset);
}
