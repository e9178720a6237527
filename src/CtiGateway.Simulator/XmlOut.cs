using System.Buffers;
using System.Text;

namespace CtiGateway.Simulator;

/// <summary>Minimal UTF-8 XML output onto an <see cref="IBufferWriter{T}"/>: element names are ASCII, text is escaped.</summary>
internal readonly struct XmlOut(IBufferWriter<byte> output)
{
    private readonly IBufferWriter<byte> _output = output;

    public void Declaration() => _output.Write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"u8);

    public void OpenRoot(string name, string ns)
    {
        _output.Write("<"u8);
        Ascii(name);
        _output.Write(" xmlns=\""u8);
        Text(ns);
        _output.Write("\">"u8);
    }

    public void EmptyRoot(string name, string ns)
    {
        _output.Write("<"u8);
        Ascii(name);
        _output.Write(" xmlns=\""u8);
        Text(ns);
        _output.Write("\"/>"u8);
    }

    public void Open(string name)
    {
        _output.Write("<"u8);
        Ascii(name);
        _output.Write(">"u8);
    }

    public void Close(string name)
    {
        _output.Write("</"u8);
        Ascii(name);
        _output.Write(">"u8);
    }

    public void Empty(string name)
    {
        _output.Write("<"u8);
        Ascii(name);
        _output.Write("/>"u8);
    }

    public void Element(string name, string value)
    {
        Open(name);
        Text(value);
        Close(name);
    }

    /// <summary>Writes <paramref name="value"/> escaped for text and attribute content; rejects characters XML 1.0 forbids.</summary>
    public void Text(string value)
    {
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

            Utf8(value.AsSpan(start, i - start));
            _output.Write(escape);
            start = i + 1;
        }

        Utf8(value.AsSpan(start));
    }

    private void Ascii(string name)
    {
        var span = _output.GetSpan(name.Length);
        _output.Advance(Encoding.ASCII.GetBytes(name, span));
    }

    private void Utf8(ReadOnlySpan<char> chars)
    {
        if (!chars.IsEmpty)
        {
            var span = _output.GetSpan(Encoding.UTF8.GetMaxByteCount(chars.Length));
            _output.Advance(Encoding.UTF8.GetBytes(chars, span));
        }
    }
}
