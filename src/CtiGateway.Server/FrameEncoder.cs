using System.Buffers;
using CtiGateway.Protocol;

namespace CtiGateway.Server;

/// <summary>
/// Encodes a message or an ADDP frame once into a buffer rented from the shared pool and wraps it in an
/// <see cref="EncodedFrame"/>. One writer per thread, so encoding allocates nothing but the frame object. A frame that
/// uses less than half of the encode buffer is copied into a pooled buffer of its own size, and the encoder keeps a
/// small encode buffer for the next frame: a queued 12-byte ADDP reply holds 16 bytes, not 512, so a client's queue
/// bound (which counts capacity) holds as many frames as their sizes allow.
/// </summary>
internal sealed class FrameEncoder : IBufferWriter<byte>
{
    // The encode buffer a thread keeps between frames (a larger one goes back to the pool once its frame is done).
    private const int KeptBufferSize = 4096;

    [ThreadStatic]
    private static FrameEncoder? t_encoder;

    private byte[]? _buffer;
    private int _written;

    /// <summary>Encodes <paramref name="message"/> with <paramref name="refs"/> holders.</summary>
    /// <exception cref="TlibProtocolException">The message is over the codec's maximum frame size.</exception>
    public static EncodedFrame Encode(ITlibCodec codec, TlibMessage message, int refs)
    {
        var encoder = t_encoder ??= new FrameEncoder();
        encoder._written = 0;
        codec.WriteMessage(message, encoder);
        return encoder.Detach(isEvent: true, refs);
    }

    /// <summary>Encodes an ADDP poll or reply for one holder.</summary>
    public static EncodedFrame EncodeAddp(ITlibCodec codec, FrameKind kind, uint sequence)
    {
        var encoder = t_encoder ??= new FrameEncoder();
        encoder._written = 0;
        codec.WriteAddp(kind, sequence, encoder);
        return encoder.Detach(isEvent: false, 1);
    }

    /// <summary>Encodes an ADDP hello for one holder.</summary>
    public static EncodedFrame EncodeAddpHello(ITlibCodec codec, AddpHello hello)
    {
        var encoder = t_encoder ??= new FrameEncoder();
        encoder._written = 0;
        codec.WriteAddpHello(hello, encoder);
        return encoder.Detach(isEvent: false, 1);
    }

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (_buffer is null || _written + count > _buffer.Length)
        {
            throw new InvalidOperationException("Advanced past the end of the encode buffer.");
        }

        _written += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_written);
    }

    private void Ensure(int sizeHint)
    {
        var needed = _written + Math.Max(sizeHint, 256);
        if (_buffer is not null && _buffer.Length >= needed)
        {
            return;
        }

        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, 512));
        if (_buffer is not null)
        {
            _buffer.AsSpan(0, _written).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        _buffer = bigger;
    }

    private EncodedFrame Detach(bool isEvent, int refs)
    {
        var buffer = _buffer ?? throw new InvalidOperationException("The codec wrote nothing.");
        if (_written <= buffer.Length / 2)
        {
            // The codec sizes a frame for its worst case (3 bytes a char), so a buffer can be far larger than its frame.
            var compact = ArrayPool<byte>.Shared.Rent(_written);
            if (compact.Length < buffer.Length)
            {
                buffer.AsSpan(0, _written).CopyTo(compact);
                if (buffer.Length > KeptBufferSize)
                {
                    _buffer = null;
                    ArrayPool<byte>.Shared.Return(buffer);
                }

                return new EncodedFrame(compact, _written, isEvent, refs);
            }

            ArrayPool<byte>.Shared.Return(compact);
        }

        _buffer = null;
        return new EncodedFrame(buffer, _written, isEvent, refs);
    }
}
