using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace CtiGateway.Protocol;

/// <summary>
/// Cuts frames from a byte stream. TryRead contract: incomplete input returns false and consumes nothing; malformed
/// input throws a fatal <see cref="TlibProtocolException"/>. The length field is checked against the maximum before
/// any wait for the body, and garbage is rejected as soon as the first bytes disagree with the header.
/// </summary>
public static class TlibFrameReader
{
    /// <summary>Reads one frame from the start of <paramref name="buffer"/> and advances it past the frame.</summary>
    public static bool TryReadFrame(ref ReadOnlySequence<byte> buffer, out TlibFrame frame, int maxFrameSize = TlibWire.DefaultMaxFrameSize)
    {
        Span<byte> header = stackalloc byte[TlibWire.HeaderSize];
        var available = (int)Math.Min(buffer.Length, TlibWire.HeaderSize);
        scoped ReadOnlySpan<byte> h;
        if (buffer.FirstSpan.Length >= available)
        {
            h = buffer.FirstSpan[..available];
        }
        else
        {
            buffer.Slice(0, available).CopyTo(header);
            h = header[..available];
        }

        // Validate whatever part of the header has arrived, so garbage fails at once.
        if (h.Length >= 1 && h[0] != TlibWire.Magic0)
        {
            ThrowFatal(ProtocolErrorKind.BadMagic, $"Frame does not start with the magic 'TL' (first byte 0x{h[0]:x2}).", 0);
        }

        if (h.Length >= 2 && h[1] != TlibWire.Magic1)
        {
            ThrowFatal(ProtocolErrorKind.BadMagic, $"Frame does not start with the magic 'TL' (second byte 0x{h[1]:x2}).", 1);
        }

        if (h.Length >= 3 && h[2] != TlibWire.Version)
        {
            ThrowFatal(ProtocolErrorKind.UnsupportedVersion, $"Wire version {h[2]} is not supported (this codec speaks version {TlibWire.Version}).", 2);
        }

        if (h.Length >= 4 && (uint)(h[3] - (byte)FrameKind.Message) > (uint)(FrameKind.AddpHello - FrameKind.Message))
        {
            ThrowFatal(ProtocolErrorKind.UnknownFrameKind, $"Unknown frame kind 0x{h[3]:x2}.", 3);
        }

        if (h.Length < TlibWire.HeaderSize)
        {
            frame = default;
            return false;
        }

        var kind = (FrameKind)h[3];
        var length = BinaryPrimitives.ReadUInt32BigEndian(h[4..]);
        if (length > (uint)(maxFrameSize - TlibWire.HeaderSize))
        {
            ThrowFatal(ProtocolErrorKind.FrameTooLarge, $"Frame length {length} is over the maximum frame size {maxFrameSize} (header included).", 4);
        }

        var expected = kind switch
        {
            FrameKind.AddpPoll or FrameKind.AddpReply => 4,
            FrameKind.AddpHello => 5,
            _ => -1,
        };
        if (expected >= 0 ? length != expected : length < 4)
        {
            ThrowFatal(ProtocolErrorKind.BadFrameLength, $"A {kind} frame cannot have payload length {length}.", 4);
        }

        if (buffer.Length < TlibWire.HeaderSize + length)
        {
            frame = default;
            return false;
        }

        frame = new TlibFrame(kind, buffer.Slice(TlibWire.HeaderSize, length));
        buffer = buffer.Slice(TlibWire.HeaderSize + length);
        return true;
    }

    /// <summary>The u32 sequence number of an ADDP poll or reply frame.</summary>
    public static uint ReadAddpSequence(in TlibFrame frame)
    {
        Span<byte> b = stackalloc byte[4];
        frame.Payload.Slice(0, 4).CopyTo(b);
        return BinaryPrimitives.ReadUInt32BigEndian(b);
    }

    /// <summary>The parameters of an ADDP hello frame.</summary>
    public static AddpHello ReadAddpHello(in TlibFrame frame)
    {
        Span<byte> b = stackalloc byte[5];
        frame.Payload.Slice(0, 5).CopyTo(b);
        var local = BinaryPrimitives.ReadUInt16BigEndian(b);
        var remote = BinaryPrimitives.ReadUInt16BigEndian(b[2..]);
        if (local > AddpOptions.MaxTimeoutSeconds || remote > AddpOptions.MaxTimeoutSeconds || b[4] > 3)
        {
            ThrowFatal(ProtocolErrorKind.BadFrameLength, $"ADDP hello out of range (timeout {local} s, remote timeout {remote} s, trace {b[4]}); timeouts are 0-3600 s.", 8);
        }

        return new AddpHello(local, remote, (AddpTrace)b[4]);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowFatal(ProtocolErrorKind kind, string message, long offset) =>
        throw new TlibProtocolException(kind, message, offset);
}
