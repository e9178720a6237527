namespace CtiGateway.Pbx.Csta;

/// <summary>
/// The per-thread working memory of the UTF-8 CSTA-XML scanner: the namespace declarations in scope, the attributes of
/// the start tag being read, decoded namespace names and decoded text. One instance is reused by every body decoded on
/// a thread, so a decode allocates nothing for itself; after a body that made it grow past the sizes real CSTA traffic
/// needs (a hostile body with thousands of attributes), it is dropped instead of kept.
/// </summary>
internal sealed class CstaXmlScratch
{
    private const int KeptSlots = 64;
    private const int KeptBytes = 16 * 1024;

    [ThreadStatic]
    private static CstaXmlScratch? t_cached;

    public CstaXmlNamespace[] Namespaces { get; private set; } = new CstaXmlNamespace[8];

    public int NamespaceCount { get; set; }

    public CstaXmlAttribute[] Attributes { get; private set; } = new CstaXmlAttribute[8];

    /// <summary>Decoded namespace names (those with references or white space to normalise), appended per body.</summary>
    public byte[] UriBytes { get; private set; } = new byte[256];

    public int UriLength { get; set; }

    /// <summary>Decoded text of one value; at least as long as the body, since decoding never lengthens XML.</summary>
    public byte[] TextBytes { get; private set; } = new byte[2048];

    /// <summary>Takes this thread's instance (or a new one), ready for a body of <paramref name="bodyLength"/> bytes.</summary>
    public static CstaXmlScratch Rent(int bodyLength)
    {
        var scratch = t_cached ?? new CstaXmlScratch();
        t_cached = null;
        if (scratch.TextBytes.Length < bodyLength)
        {
            scratch.TextBytes = new byte[bodyLength];
        }

        return scratch;
    }

    /// <summary>Gives the instance back for the next body on this thread, unless it grew too large to keep.</summary>
    public static void Return(CstaXmlScratch scratch)
    {
        scratch.NamespaceCount = 0;
        scratch.UriLength = 0;
        if (scratch.Namespaces.Length <= KeptSlots && scratch.Attributes.Length <= KeptSlots
            && scratch.UriBytes.Length <= KeptBytes && scratch.TextBytes.Length <= KeptBytes)
        {
            t_cached = scratch;
        }
    }

    public void AddNamespace(in CstaXmlNamespace declaration)
    {
        if (NamespaceCount == Namespaces.Length)
        {
            var grown = Namespaces;
            Array.Resize(ref grown, grown.Length * 2);
            Namespaces = grown;
        }

        Namespaces[NamespaceCount++] = declaration;
    }

    public void SetAttribute(int index, in CstaXmlAttribute attribute)
    {
        if (index == Attributes.Length)
        {
            var grown = Attributes;
            Array.Resize(ref grown, grown.Length * 2);
            Attributes = grown;
        }

        Attributes[index] = attribute;
    }

    /// <summary>Room for <paramref name="length"/> more bytes of decoded namespace names.</summary>
    public Span<byte> UriSpace(int length)
    {
        if (UriBytes.Length - UriLength < length)
        {
            var grown = UriBytes;
            Array.Resize(ref grown, Math.Max(grown.Length * 2, UriLength + length));
            UriBytes = grown;
        }

        return UriBytes.AsSpan(UriLength, length);
    }
}
