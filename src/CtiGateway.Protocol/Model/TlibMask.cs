namespace CtiGateway.Protocol;

/// <summary>
/// A 64-byte T-Library mask (T_MASK_LENGTH, 512 bits), used for InputMask and ServerCapabilityMask.
/// Bit E is <c>mask[E / 8] &amp; (1 &lt;&lt; (E % 8))</c>.
/// </summary>
public sealed class TlibMask : IEquatable<TlibMask>
{
    /// <summary>Length of a mask in bytes.</summary>
    public const int Length = 64;

    private readonly byte[] _bytes;

    /// <summary>Creates an empty mask (no bit set).</summary>
    public TlibMask()
    {
        _bytes = new byte[Length];
    }

    /// <summary>Creates a mask from exactly 64 bytes.</summary>
    public TlibMask(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Length)
        {
            throw new ArgumentException($"A mask is {Length} bytes, not {bytes.Length}.", nameof(bytes));
        }

        _bytes = bytes.ToArray();
    }

    /// <summary>A mask with every bit set (every event passes).</summary>
    public static TlibMask All()
    {
        var m = new TlibMask();
        m._bytes.AsSpan().Fill(0xFF);
        return m;
    }

    /// <summary>The raw 64 bytes.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>True when bit <paramref name="bit"/> is set.</summary>
    public bool IsSet(int bit) => (uint)bit < Length * 8 && (_bytes[bit >> 3] & (1 << (bit & 7))) != 0;

    /// <summary>True when the bit of <paramref name="type"/> is set.</summary>
    public bool IsSet(MessageType type) => IsSet((int)type);

    /// <summary>Sets or clears one bit.</summary>
    public TlibMask Set(int bit, bool value = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bit);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(bit, Length * 8);
        if (value)
        {
            _bytes[bit >> 3] |= (byte)(1 << (bit & 7));
        }
        else
        {
            _bytes[bit >> 3] &= (byte)~(1 << (bit & 7));
        }

        return this;
    }

    /// <summary>Sets or clears the bit of a message type.</summary>
    public TlibMask Set(MessageType type, bool value = true) => Set((int)type, value);

    /// <summary>The message types whose bits are set, in id order.</summary>
    public IEnumerable<MessageType> SetMessageTypes()
    {
        for (var i = 0; i < MessageCatalog.Count; i++)
        {
            if (IsSet(i))
            {
                yield return (MessageType)i;
            }
        }
    }

    /// <inheritdoc />
    public bool Equals(TlibMask? other) => other is not null && _bytes.AsSpan().SequenceEqual(other._bytes);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as TlibMask);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var h = default(HashCode);
        h.AddBytes(_bytes);
        return h.ToHashCode();
    }

    /// <inheritdoc />
    public override string ToString() => Convert.ToHexStringLower(_bytes);
}
