using System.Buffers;
using CtiGateway.Pbx.Bsc;

namespace CtiGateway.Pbx.Tests.Bsc;

/// <summary>
/// A serial line that corrupts some blocks (one bit flipped inside the BCC-covered text, never into STX or ETX: that
/// would be a framing change, not a bit error the BCC is meant to catch) and drops whole units or single bytes of
/// control units. It counts what it did.
/// </summary>
internal sealed class LossyBscChannel(Random random, double corruptRate, double dropRate, BscCodeTable codes, int maxBlockSize)
{
    public int CorruptedBlocks { get; private set; }

    public int DroppedUnits { get; private set; }

    public int DroppedBytes { get; private set; }

    /// <summary>When true everything is dropped (a cut line).</summary>
    public bool Cut { get; set; }

    public byte[] Transmit(BscUnit unit)
    {
        var writer = new ArrayBufferWriter<byte>();
        BscFrameWriter.Write(writer, unit, maxBlockSize, codes);
        var bytes = writer.WrittenSpan.ToArray();
        if (Cut)
        {
            return [];
        }

        if (unit.Kind == BscUnitKind.Block)
        {
            if (random.NextDouble() < corruptRate)
            {
                while (true)
                {
                    var at = 1 + random.Next(unit.Text.Length);
                    var flipped = (byte)(bytes[at] ^ (1 << random.Next(7)));
                    if (flipped != codes.Stx && flipped != codes.Etx)
                    {
                        bytes[at] = flipped;
                        CorruptedBlocks++;
                        return bytes;
                    }
                }
            }

            if (random.NextDouble() < dropRate)
            {
                DroppedUnits++;
                return [];
            }

            return bytes;
        }

        var roll = random.NextDouble();
        if (roll < dropRate)
        {
            DroppedUnits++;
            return [];
        }

        if (roll < 2 * dropRate && bytes.Length > 1)
        {
            DroppedBytes++;
            var at = random.Next(bytes.Length);
            return [.. bytes[..at], .. bytes[(at + 1)..]];
        }

        return bytes;
    }
}
