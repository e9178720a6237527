using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Xml;

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
internal ref struct CstaXmlScanner
{
    private static readonly SearchValues<byte> Whitespace = SearchValues.Create(" \t\r\n"u8);

    /// <summary>The bytes that need no look in the character check: tab, line feed, carriage return and printable ASCII.</summary>
    private static readonly SearchValues<byte> PlainAscii = SearchValues.Create(
        "\t\n\r !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\u007f"u8);

    private static readonly SearchValues<byte> TextStops = SearchValues.Create("&\r"u8);
    private static readonly SearchValues<byte> AttributeStops = SearchValues.Create("&\r\n\t"u8);
    private static readonly SearchValues<byte> AttributeRaw = SearchValues.Create("&\r\n\t"u8);

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
                if (ReadText())
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
                    ReadEndTag();
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
                    ReadStartTag();
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

    /// <summary>Whether a text piece differs from its raw bytes once decoded (references, carriage returns).</summary>
    public readonly bool NeedsDecoding(CstaXmlTextPiece piece) => piece.Kind == CstaXmlNodeKind.CData
        ? Raw(piece).Contains((byte)'\r')
        : Raw(piece).ContainsAny(TextStops);

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

    /// <summary>Reads character data up to the next '&lt;'; true when it is a node to report.</summary>
    private bool ReadText()
    {
        var start = _pos;
        var stop = _xml[start..].IndexOfAny((byte)'<', (byte)'&', (byte)']');
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

                return ReportText(start, plainEnd, CstaXmlNodeKind.SignificantWhitespace);
            }

            return ReportText(start, plainEnd, CstaXmlNodeKind.Text);
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

        return ReportText(start, end, whitespace ? CstaXmlNodeKind.SignificantWhitespace : CstaXmlNodeKind.Text);
    }

    private bool ReportText(int start, int end, CstaXmlNodeKind kind)
    {
        if (_openCount > CstaXmlDecoder.MaxDepth)
        {
            throw TooDeep(start, "", "text");
        }

        Kind = kind;
        Depth = _openCount;
        IsEmptyElement = false;
        _text = new CstaXmlTextPiece(start, end - start, kind);
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

        if (TryReadPlainStartTag(tagStart))
        {
            return;
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
            // The usual CSTA start tag: a name and no attributes.
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

    /// <summary>Reads the rest of a start tag after its name: attributes, then '&gt;' or '/&gt;' (then true).</summary>
    private bool ReadAttributes(int tagStart, ref int count)
    {
        bool empty;
        while (true)
        {
            var spaced = SkipWhitespace();
            if (_pos >= _xml.Length)
            {
                throw Truncated(tagStart, "inside a start tag");
            }

            var b = _xml[_pos];
            if (b == (byte)'>')
            {
                _pos++;
                empty = false;
                break;
            }

            if (b == (byte)'/')
            {
                if (_pos + 1 < _xml.Length && _xml[_pos + 1] == (byte)'>')
                {
                    _pos += 2;
                    empty = true;
                    break;
                }

                throw Malformed(_pos + 1, "'/' not followed by '>' in a start tag");
            }

            if (!spaced)
            {
                throw Malformed(_pos, "no white space before an attribute, or a bad character in a start tag");
            }

            _scratch.SetAttribute(count++, ReadAttribute(tagStart));
        }

        return empty;
    }

    private CstaXmlAttribute ReadAttribute(int tagStart)
    {
        var colon = ParseQualifiedName(out var nameStart, out var nameLength);
        SkipWhitespace();
        if (_pos >= _xml.Length)
        {
            throw Truncated(tagStart, "inside a start tag");
        }

        if (_xml[_pos] != (byte)'=')
        {
            throw MalformedNaming(_pos, "no '=' after the attribute name ", nameStart, nameLength, "");
        }

        _pos++;
        SkipWhitespace();
        if (_pos >= _xml.Length)
        {
            throw Truncated(tagStart, "inside a start tag");
        }

        var quote = _xml[_pos];
        if (quote is not (byte)'"' and not (byte)'\'')
        {
            throw MalformedNaming(_pos, "the value of the attribute ", nameStart, nameLength, " is not quoted");
        }

        var valueStart = _pos + 1;
        var close = _xml[valueStart..].IndexOf(quote);
        if (close < 0)
        {
            throw Truncated(valueStart - 1, "inside an attribute value");
        }

        var valueEnd = valueStart + close;
        var value = _xml[valueStart..valueEnd];
        var lt = value.IndexOf((byte)'<');
        if (lt >= 0)
        {
            throw Malformed(valueStart + lt, "'<' in an attribute value (write &lt;)");
        }

        var amp = value.IndexOf((byte)'&');
        if (amp >= 0)
        {
            var p = valueStart + amp;
            while (true)
            {
                p = ParseReference(p, valueEnd, out _, out _);
                var next = _xml[p..valueEnd].IndexOf((byte)'&');
                if (next < 0)
                {
                    break;
                }

                p += next;
            }
        }

        _pos = valueEnd + 1;
        return new CstaXmlAttribute(nameStart, nameLength, colon, valueStart, close, amp >= 0);
    }

    /// <summary>Declares the namespaces, applies xml:space, checks prefixes and duplicates; returns xml:space="preserve".</summary>
    private bool ProcessAttributes(int count, bool preserve)
    {
        var attributes = _scratch.Attributes;
        for (var i = 0; i < count; i++)
        {
            var a = attributes[i];
            var name = _xml.Slice(a.NameStart, a.NameLength);
            if (a.Colon < 0)
            {
                if (name.SequenceEqual("xmlns"u8))
                {
                    Declare(a.NameStart, 0, a);
                }
            }
            else if (name[..a.Colon].SequenceEqual("xmlns"u8))
            {
                Declare(a.NameStart + a.Colon + 1, a.NameLength - a.Colon - 1, a);
            }
            else if (name.SequenceEqual("xml:space"u8))
            {
                preserve = XmlSpace(a);
            }
        }

        for (var i = 0; i < count; i++)
        {
            var a = attributes[i];
            if (a.Colon >= 0 && !_xml.Slice(a.NameStart, a.Colon).SequenceEqual("xmlns"u8))
            {
                LookupNamespace(_xml.Slice(a.NameStart, a.Colon), out var declared);
                if (!declared)
                {
                    throw MalformedNaming(a.NameStart, "the prefix '", a.NameStart, a.Colon, "' is not declared");
                }
            }
        }

        if (count > 1)
        {
            CheckDuplicates(count);
        }

        return preserve;
    }

    private void Declare(int prefixStart, int prefixLength, in CstaXmlAttribute a)
    {
        var raw = _xml.Slice(a.ValueStart, a.ValueLength);
        int uriStart = a.ValueStart, uriLength = a.ValueLength;
        var decoded = raw.ContainsAny(AttributeRaw);
        ReadOnlySpan<byte> uri = raw;
        if (decoded)
        {
            var space = _scratch.UriSpace(raw.Length);
            uriLength = Unescape(raw, space, references: true, attribute: true);
            uriStart = _scratch.UriLength;
            _scratch.UriLength += uriLength;
            uri = space[..uriLength];
        }

        var prefix = _xml.Slice(prefixStart, prefixLength);
        var reserved = uri.SequenceEqual(XmlNamespace) || uri.SequenceEqual(XmlnsNamespace);
        if (prefix.SequenceEqual("xml"u8))
        {
            if (!uri.SequenceEqual(XmlNamespace))
            {
                throw Malformed(a.NameStart, "the prefix 'xml' can only be bound to http://www.w3.org/XML/1998/namespace");
            }
        }
        else if (prefix.SequenceEqual("xmlns"u8))
        {
            throw Malformed(a.NameStart, "the prefix 'xmlns' cannot be declared");
        }
        else if (reserved)
        {
            throw Malformed(a.ValueStart, "the xml and xmlns namespace names cannot be bound to another prefix or be the default namespace");
        }
        else if (prefixLength > 0 && uri.IsEmpty)
        {
            throw MalformedNaming(a.NameStart, "the prefix '", prefixStart, prefixLength, "' is declared with an empty namespace name");
        }

        _scratch.AddNamespace(new CstaXmlNamespace(prefixStart, prefixLength, uriStart, uriLength, decoded));
    }

    private readonly bool XmlSpace(in CstaXmlAttribute a)
    {
        var buffer = a.ValueLength <= 64 ? stackalloc byte[64] : new byte[a.ValueLength];
        var value = buffer[..Unescape(_xml.Slice(a.ValueStart, a.ValueLength), buffer, references: true, attribute: true)];
        var first = value.IndexOfAnyExcept(Whitespace);
        var trimmed = first < 0 ? default : value[first..(value.LastIndexOfAnyExcept(Whitespace) + 1)];
        if (trimmed.SequenceEqual("preserve"u8))
        {
            return true;
        }

        if (trimmed.SequenceEqual("default"u8))
        {
            return false;
        }

        throw Malformed(a.ValueStart, "xml:space is neither 'preserve' nor 'default'");
    }

    private readonly void CheckDuplicates(int count)
    {
        var attributes = _scratch.Attributes;
        if (count > 8)
        {
            CheckManyDuplicates(count);
            return;
        }

        for (var i = 1; i < count; i++)
        {
            var a = attributes[i];
            var name = _xml.Slice(a.NameStart, a.NameLength);
            for (var j = 0; j < i; j++)
            {
                var b = attributes[j];
                if (name.SequenceEqual(_xml.Slice(b.NameStart, b.NameLength)))
                {
                    throw Duplicate(a);
                }

                if (IsPrefixedAttribute(a) && IsPrefixedAttribute(b) && SameExpandedName(a, b))
                {
                    throw Duplicate(a);
                }
            }
        }
    }

    /// <summary>The duplicate check for a start tag with many attributes (only hostile bodies have them): hashed.</summary>
    private readonly void CheckManyDuplicates(int count)
    {
        var attributes = _scratch.Attributes;
        var names = new HashSet<string>(count, StringComparer.Ordinal);
        var expanded = new HashSet<(string Uri, string Local)>(count);
        for (var i = 0; i < count; i++)
        {
            var a = attributes[i];
            if (!names.Add(Encoding.UTF8.GetString(_xml.Slice(a.NameStart, a.NameLength))))
            {
                throw Duplicate(a);
            }

            if (IsPrefixedAttribute(a))
            {
                var uri = Encoding.UTF8.GetString(LookupNamespace(_xml.Slice(a.NameStart, a.Colon), out _));
                if (!expanded.Add((uri, Name(a.NameStart + a.Colon + 1, a.NameLength - a.Colon - 1))))
                {
                    throw Duplicate(a);
                }
            }
        }
    }

    private readonly bool IsPrefixedAttribute(in CstaXmlAttribute a) =>
        a.Colon >= 0 && !_xml.Slice(a.NameStart, a.Colon).SequenceEqual("xmlns"u8);

    private readonly bool SameExpandedName(in CstaXmlAttribute a, in CstaXmlAttribute b) =>
        _xml.Slice(a.NameStart + a.Colon + 1, a.NameLength - a.Colon - 1).SequenceEqual(_xml.Slice(b.NameStart + b.Colon + 1, b.NameLength - b.Colon - 1))
        && LookupNamespace(_xml.Slice(a.NameStart, a.Colon), out _).SequenceEqual(LookupNamespace(_xml.Slice(b.NameStart, b.Colon), out _));

    private readonly CstaDialectException Duplicate(in CstaXmlAttribute a) =>
        MalformedNaming(a.NameStart, "the attribute ", a.NameStart, a.NameLength, " is given twice");

    /// <summary>The namespace name bound to <paramref name="prefix"/> (empty: the default namespace) in scope.</summary>
    private readonly ReadOnlySpan<byte> LookupNamespace(ReadOnlySpan<byte> prefix, out bool declared)
    {
        var declarations = _scratch.Namespaces;
        for (var i = _scratch.NamespaceCount - 1; i >= 0; i--)
        {
            var d = declarations[i];
            if (d.PrefixLength == prefix.Length && _xml.Slice(d.PrefixStart, d.PrefixLength).SequenceEqual(prefix))
            {
                declared = true;
                return d.UriDecoded ? _scratch.UriBytes.AsSpan(d.UriStart, d.UriLength) : _xml.Slice(d.UriStart, d.UriLength);
            }
        }

        declared = true;
        if (prefix.IsEmpty)
        {
            return default;
        }

        if (prefix.SequenceEqual("xml"u8))
        {
            return XmlNamespace;
        }

        if (prefix.SequenceEqual("xmlns"u8))
        {
            return XmlnsNamespace;
        }

        declared = false;
        return default;
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
            _text = new CstaXmlTextPiece(body, close, CstaXmlNodeKind.CData);
            return true;
        }

        if (rest.StartsWith("<!DOCTYPE"u8))
        {
            throw Dtd(start);
        }

        throw Malformed(start, "'<!' starts neither a comment nor a CDATA section");
    }

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
        while (p < end && _xml[p] != (byte)';' && p - name < 8)
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
