using System.Buffers;

namespace CtiGateway.Pbx.Csta;

/// <summary>One CSTA-XML frame cut from the link: the invoke id and the XML body (a slice of the input).</summary>
/// <param name="InvokeId">The 4-digit ASCII invoke id, 0..9999 (9999 marks events on OSV).</param>
/// <param name="Xml">The XML body bytes, valid until the input buffer is advanced past them.</param>
public readonly record struct CstaFrame(int InvokeId, ReadOnlySequence<byte> Xml);
