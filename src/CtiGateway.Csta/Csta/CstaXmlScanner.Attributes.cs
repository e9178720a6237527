using System.Text;

namespace CtiGateway.Pbx.Csta;

/// <summary>The scanner's start-tag attributes: syntax, namespace declarations and prefixes, xml:space, duplicates.</summary>
internal ref partial struct CstaXmlScanner
{
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
        var stop = _xml[valueStart..].IndexOfAny(quote, (byte)'<', (byte)'&');
        var close = stop >= 0 && _xml[valueStart + stop] == quote ? stop : _xml[valueStart..].IndexOf(quote);
        if (close < 0)
        {
            throw Truncated(valueStart - 1, "inside an attribute value");
        }

        var valueEnd = valueStart + close;
        var references = false;
        if (stop != close)
        {
            // Not a plain value: check for '<' and the references.
            var value = _xml[valueStart..valueEnd];
            var lt = value.IndexOf((byte)'<');
            if (lt >= 0)
            {
                throw Malformed(valueStart + lt, "'<' in an attribute value (write &lt;)");
            }

            var amp = value.IndexOf((byte)'&');
            references = amp >= 0;
            var p = valueStart + amp;
            while (amp >= 0)
            {
                p = ParseReference(p, valueEnd, out _, out _);
                amp = _xml[p..valueEnd].IndexOf((byte)'&');
                p += amp;
            }
        }

        _pos = valueEnd + 1;
        return new CstaXmlAttribute(nameStart, nameLength, colon, valueStart, close, references);
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
        var decoded = raw.ContainsAny(AttributeStops);
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
}
