using System.Buffers;

namespace CtiGateway.Pbx.Csta;

/// <summary>
/// A running FNV-1a 64 digest over a sequence of CSTA-XML frames (invoke id, body length, body bytes, per frame in
/// order). Both ends of a link keep one (the gateway over the frames it received, the simulator over the frames it
/// sent): equal frame counts and equal digests mean every frame arrived exactly once and in order.
/// </summary>
public static class CstaFrameDigest
{
    /// <summary>The digest of no frames.</summary>
    public const ulong Empty = 14695981039346656037UL;

    private const ulong Prime = 1099511628211UL;

    /// <summary>The digest after one more frame.</summary>
    public static ulong Append(ulong digest, int invokeId, ReadOnlySequence<byte> xml)
    {
        digest = Mix(digest, (uint)invokeId);
        digest = Mix(digest, (uint)xml.Length);
        foreach (var segment in xml)
        {
            foreach (var b in segment.Span)
            {
                digest = (digest ^ b) * Prime;
            }
        }

        return digest;
    }

    /// <summary>The digest as 16 lowercase hex digits (as printed by the gateway and the simulator).</summary>
    public static string Format(ulong digest) => digest.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);

    private static ulong Mix(ulong digest, uint value)
    {
        for (var i = 0; i < 4; i++)
        {
            digest = (digest ^ (byte)(value >> (8 * i))) * Prime;
        }

        return digest;
    }
}
