using System.Buffers;
using CtiGateway.Pbx.Csta;

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
    public void Text(string value) => CstaXmlText.WriteEscaped(_output, value);

    private void Ascii(string name) => CstaXmlText.WriteAscii(_output, name);
}
