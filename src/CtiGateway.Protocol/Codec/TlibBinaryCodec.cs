using System.Buffers;

namespace CtiGateway.Protocol;

/// <summary>The CtiGateway house encoding (docs/wire-format.md), version 1.</summary>
public sealed class TlibBinaryCodec : ITlibCodec
{
    /// <summary>Creates the codec with a maximum frame size (header included).</summary>
    public TlibBinaryCodec(int maxFrameSize = TlibWire.DefaultMaxFrameSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFrameSize, TlibWire.MinMaxFrameSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxFrameSize, TlibWire.MaxMaxFrameSize);
        MaxFrameSize = maxFrameSize;
    }

    /// <summary>A shared instance with the default maximum frame size.</summary>
    public static TlibBinaryCodec Default { get; } = new();

    /// <inheritdoc />
    public string Name => "ctigw-tlib-v1";

    /// <inheritdoc />
    public int MaxFrameSize { get; }

    /// <inheritdoc />
    public bool TryReadFrame(ref ReadOnlySequence<byte> buffer, out TlibFrame frame) => TlibFrameReader.TryReadFrame(ref buffer, out frame, MaxFrameSize);

    /// <inheritdoc />
    public TlibMessage DecodeMessage(in ReadOnlySequence<byte> payload) => TlibMessageReader.Decode(payload);

    /// <inheritdoc />
    public int WriteMessage(TlibMessage message, IBufferWriter<byte> output) => TlibMessageWriter.Write(message, output, MaxFrameSize);

    /// <inheritdoc />
    public int WriteAddp(FrameKind kind, uint sequence, IBufferWriter<byte> output) => TlibMessageWriter.WriteAddp(kind, sequence, output);

    /// <inheritdoc />
    public int WriteAddpHello(AddpHello hello, IBufferWriter<byte> output) => TlibMessageWriter.WriteAddpHello(hello, output);

    /// <inheritdoc />
    public uint ReadAddpSequence(in TlibFrame frame) => TlibFrameReader.ReadAddpSequence(frame);

    /// <inheritdoc />
    public AddpHello ReadAddpHello(in TlibFrame frame) => TlibFrameReader.ReadAddpHello(frame);
}
