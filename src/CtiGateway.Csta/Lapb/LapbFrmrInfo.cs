using System.Globalization;

namespace CtiGateway.Pbx.Lapb;

/// <summary>
/// The information field of an FRMR response (modulo 8, 3 bytes): rejected control field; V(S), C/R and V(R)
/// of the rejecting station; W (undefined control), X (information field not allowed), Y (too long), Z (invalid N(R)).
/// </summary>
internal readonly record struct LapbFrmrInfo(byte RejectedControl, int VS, bool RejectedWasResponse, int VR, bool W, bool X, bool Y, bool Z)
{
    /// <summary>Length of the FRMR information field with modulo 8.</summary>
    public const int Length = 3;

    /// <summary>Decodes the 3-byte field.</summary>
    /// <exception cref="PbxFramingException">Wrong length.</exception>
    public static LapbFrmrInfo Parse(ReadOnlySpan<byte> field)
    {
        if (field.Length != Length)
        {
            throw new PbxFramingException(
                LapbFrame.CauseBadFrmr,
                string.Create(CultureInfo.InvariantCulture, $"FRMR information field has {field.Length} bytes; modulo 8 needs {Length}."),
                2,
                field.ToArray());
        }

        var b1 = field[1];
        var b2 = field[2];
        return new LapbFrmrInfo(
            field[0],
            (b1 >> 1) & 7,
            (b1 & 0x10) != 0,
            (b1 >> 5) & 7,
            (b2 & 1) != 0,
            (b2 & 2) != 0,
            (b2 & 4) != 0,
            (b2 & 8) != 0);
    }

    /// <summary>Encodes the 3-byte field.</summary>
    public void WriteTo(Span<byte> destination)
    {
        destination[0] = RejectedControl;
        destination[1] = (byte)(((VS & 7) << 1) | (RejectedWasResponse ? 0x10 : 0) | ((VR & 7) << 5));
        destination[2] = (byte)((W ? 1 : 0) | (X ? 2 : 0) | (Y ? 4 : 0) | (Z ? 8 : 0));
    }
}
