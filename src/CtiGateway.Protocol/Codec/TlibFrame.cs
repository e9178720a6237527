using System.Buffers;

namespace CtiGateway.Protocol;

/// <summary>One frame cut from the byte stream: its kind and payload (a slice of the input, valid until it is advanced).</summary>
/// <param name="Kind">The frame kind.</param>
/// <param name="Payload">The payload bytes, without the 8-byte header.</param>
public readonly record struct TlibFrame(FrameKind Kind, ReadOnlySequence<byte> Payload);
