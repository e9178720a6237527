using System.Runtime.CompilerServices;

namespace CtiGateway.Pbx.Csta;

/// <summary>The stack of open elements, inline in the scanner: the root (depth 0) to depth <see cref="CstaXmlDecoder.MaxDepth"/>.</summary>
[InlineArray(CstaXmlDecoder.MaxDepth + 1)]
internal struct CstaXmlOpenElements
{
    private CstaXmlOpenElement _element;
}
