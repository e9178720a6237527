using System.Buffers;
using CtiGateway.Pbx.Bsc;

namespace CtiGateway.Pbx.Tests.Bsc;

public sealed class BscFrameFuzzTests
{
    private const int Max = 48;

    private static readonly BscUnitKind[] ControlKinds =
    [
        BscUnitKind.Bid, BscUnitKind.Enq, BscUnitKind.Eot, BscUnitKind.Ack0, BscUnitKind.Ack1,
        BscUnitKind.Nak, BscUnitKind.Wack, BscUnitKind.Rvi,
    ];

    [Theory]
    [InlineData(20261122, "Neax")]
    [InlineData(7, "Ascii")]
    public void RandomInputsOnlyGiveFramingErrorsAndUnitsReEncodeToTheirBytes(int seed, string table)
    {
        var codes = table == "Neax" ? BscCodeTable.Neax : BscCodeTable.Ascii;
        var random = new Random(seed);
        var units = 0;
        var errors = new Dictionary<string, int>();
        for (var i = 0; i < 100_000; i++)
        {
            var input = Generate(random, codes);
            var sequence = random.Next(4) == 0
                ? Segmented.OneBytePerSegment(input)
                : Segmented.Split(input, random.Next(input.Length + 1));
            while (true)
            {
                var before = sequence;
                try
                {
                    if (!BscFrameReader.TryRead(ref sequence, out var unit, Max, codes))
                    {
                        Assert.Equal(before.Length, sequence.Length);
                        break;
                    }

                    // Oracle: the bytes consumed are exactly the unit's encoding, and decoding that gives it back.
                    var consumed = before.Slice(0, before.Length - sequence.Length).ToArray();
                    var encoded = RawEncode(unit, codes);
                    Assert.Equal(encoded, consumed);
                    var again = new ReadOnlySequence<byte>(encoded);
                    Assert.True(BscFrameReader.TryRead(ref again, out var decoded, Max, codes));
                    Assert.Equal(unit.Kind, decoded.Kind);
                    Assert.Equal(unit.Text.ToArray(), decoded.Text.ToArray());
                    units++;
                }
                catch (PbxFramingException ex)
                {
                    Assert.True(sequence.Length < before.Length, "a framing error must consume bytes");
                    Assert.NotEmpty(ex.Bytes);
                    errors[ex.Cause] = errors.GetValueOrDefault(ex.Cause) + 1;
                }
            }
        }

        Assert.True(units > 100_000, $"only {units} units decoded");
        Assert.Equal(["bad-bcc", "garbage", "length-over-maximum"], errors.Keys.Order(StringComparer.Ordinal));
    }

    private static byte[] Generate(Random random, BscCodeTable codes)
    {
        var writer = new ArrayBufferWriter<byte>();
        var count = random.Next(1, 8);
        for (var i = 0; i < count; i++)
        {
            switch (random.Next(10))
            {
                case < 4:
                    var text = new byte[random.Next(0, Max + 1)];
                    for (var j = 0; j < text.Length; j++)
                    {
                        text[j] = (byte)random.Next(0x20, 0x7F);
                    }

                    BscFrameWriter.WriteBlock(writer, text, Max, codes);
                    break;
                case < 8:
                    BscFrameWriter.WriteControl(writer, ControlKinds[random.Next(ControlKinds.Length)], codes);
                    break;
                default:
                    var junk = new byte[random.Next(1, 2 * Max)];
                    random.NextBytes(junk);
                    writer.Write(junk);
                    break;
            }
        }

        var bytes = writer.WrittenSpan.ToArray();
        var mutations = random.Next(0, 4);
        for (var m = 0; m < mutations && bytes.Length > 0; m++)
        {
            var at = random.Next(bytes.Length);
            switch (random.Next(3))
            {
                case 0:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    bytes = [.. bytes[..at], .. bytes[(at + 1)..]];
                    break;
                default:
                    bytes[at] = (byte)random.Next(256);
                    break;
            }
        }

        return bytes;
    }

    /// <summary>Encoding without the writer's text check: a decoded text may hold any byte but STX and ETX.</summary>
    private static byte[] RawEncode(BscUnit unit, BscCodeTable codes)
    {
        if (unit.Kind != BscUnitKind.Block)
        {
            return BscEvents.Encode(codes, Max, unit);
        }

        var text = unit.Text.Span;
        Assert.True(text.Length <= Max);
        Assert.DoesNotContain(codes.Stx, text.ToArray());
        Assert.DoesNotContain(codes.Etx, text.ToArray());
        byte bcc = codes.Etx;
        foreach (var b in text)
        {
            bcc ^= b;
        }

        return [codes.Stx, .. text, codes.Etx, bcc];
    }
}
