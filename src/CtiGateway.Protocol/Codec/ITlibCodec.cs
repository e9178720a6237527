using System.Buffers;

namespace CtiGateway.Protocol;

/// <summary>
/// A byte encoding of T-Library messages and ADDP frames. The house encoding is <see cref="TlibBinaryCodec"/>; another
/// encoding (for example a captured vendor format) plugs in here without touching the server or the client.
/// </summary>
public interface ITlibCodec
{
    /// <summary>A short name for logs and docs.</summary>
    string Name { get; }

    /// <summary>The largest frame, header included, that this codec reads or writes.</summary>
    int MaxFrameSize { get; }

    /// <summary>Cuts one frame from <paramref name="buffer"/> (TryRead contract: false when incomplete; fatal errors throw).</summary>
    bool TryReadFrame(ref ReadOnlySequence<byte> buffer, out TlibFrame frame);

    /// <summary>Decodes a message frame's payload.</summary>
    TlibMessage DecodeMessage(in ReadOnlySequence<byte> payload);

    /// <summary>Encodes a message frame.</summary>
    int WriteMessage(TlibMessage message, IBufferWriter<byte> output);

    /// <summary>Encodes an ADDP poll or reply.</summary>
    int WriteAddp(FrameKind kind, uint sequence, IBufferWriter<byte> output);

    /// <summary>Encodes an ADDP hello.</summary>
    int WriteAddpHello(AddpHello hello, IBufferWriter<byte> output);

    /// <summary>Reads the sequence number of an ADDP poll or reply frame.</summary>
    uint ReadAddpSequence(in TlibFrame frame);

    /// <summary>Reads an ADDP hello frame.</summary>
    AddpHello ReadAddpHello(in TlibFrame frame);
}
