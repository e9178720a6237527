using System.Xml;

namespace CtiGateway.Pbx.Csta;

/// <summary>
/// A NameTable reused across documents on one thread, so element names are atomised once instead of per body. It
/// counts the names it holds, so that a peer sending ever-new names cannot grow it without bound: the decoder
/// replaces it once <see cref="IsFull"/>.
/// </summary>
internal sealed class BoundedNameTable : XmlNameTable
{
    /// <summary>Names held before the table is replaced; real CSTA traffic uses a few hundred.</summary>
    public const int Capacity = 4096;

    private readonly NameTable _inner = new();
    private int _count;

    public bool IsFull => _count >= Capacity;

    public override string Add(char[] array, int offset, int length)
    {
        if (_inner.Get(array, offset, length) is { } existing)
        {
            return existing;
        }

        _count++;
        return _inner.Add(array, offset, length);
    }

    public override string Add(string array)
    {
        if (_inner.Get(array) is { } existing)
        {
            return existing;
        }

        _count++;
        return _inner.Add(array);
    }

    public override string? Get(char[] array, int offset, int length) => _inner.Get(array, offset, length);

    public override string? Get(string array) => _inner.Get(array);
}
