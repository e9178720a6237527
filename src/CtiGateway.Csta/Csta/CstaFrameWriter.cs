using System.Buffers;
using System.Buffers.Binary;

namespace CtiGateway.Pbx.Csta;

/// <summary>Writes CSTA-XML frames (switch.md 1.2): <c>00 00 | len u16 BE (header included) | "NNNN" | XML</c>.</summary>
public static class CstaFrameWriter
{
    /// <summary>Writes one frame with <paramref name="invokeId"/> (0..9999) and the XML body bytes.</summary>
    public static void Write(int invokeId, ReadOnlySpan<byte> xml, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfNegative(invokeId);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(invokeId, CstaWire.MaxInvokeId);
        if (xml.Length > CstaWire.MaxBodySize)
        {
            throw new ArgumentOutOfRangeException(nameof(xml), xml.Length, $"A CSTA-XML body cannot exceed {CstaWire.MaxBodySize} bytes.");
        }

        var length = CstaWire.HeaderSize + xml.Length;
        var span = output.GetSpan(length);
        span[0] = 0;
        span[1] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(span[2..], (ushort)length);
        span[4] = (byte)('0' + (invokeId / 1000));
        span[5] = (byte)('0' + (invokeId / 100 % 10));
        span[6] = (byte)('0' + (invokeId / 10 % 10));
        span[7] = (byte)('0' + (invokeId % 10));
        xml.CopyTo(span[CstaWire.HeaderSize..]);
        output.Advance(length);
    }
}
