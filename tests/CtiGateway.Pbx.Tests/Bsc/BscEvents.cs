using System.Buffers;
using System.Text;
using CtiGateway.Pbx.Bsc;

namespace CtiGateway.Pbx.Tests.Bsc;

/// <summary>Reads units and framing errors from sequences, as a comparable list of event strings.</summary>
internal static class BscEvents
{
    /// <summary>Everything the reader reports for <paramref name="input"/>, plus the bytes left over.</summary>
    public static (List<string> Events, long Left) ReadAll(ReadOnlySequence<byte> input, int max, BscCodeTable codes)
    {
        var events = new List<string>();
        while (true)
        {
            var before = input.Length;
            try
            {
                if (!BscFrameReader.TryRead(ref input, out var unit, max, codes))
                {
                    Assert.Equal(before, input.Length);
                    return (events, input.Length);
                }

                events.Add(Describe(unit));
            }
            catch (PbxFramingException ex)
            {
                Assert.True(input.Length < before, "a framing error must consume the bad bytes");
                events.Add($"error:{ex.Cause}:{before - input.Length}");
            }
        }
    }

    /// <summary>Feeds <paramref name="data"/> in chunks of the given sizes, reading after each chunk.</summary>
    public static (List<string> Events, long Left) ReadStreaming(byte[] data, IEnumerable<int> chunkSizes, int max, BscCodeTable codes)
    {
        var events = new List<string>();
        var pending = new List<byte>();
        var position = 0;
        foreach (var size in chunkSizes)
        {
            var take = Math.Min(size, data.Length - position);
            pending.AddRange(data.AsSpan(position, take));
            position += take;
            var (chunkEvents, left) = ReadAll(Segmented.OneBytePerSegment([.. pending]), max, codes);
            events.AddRange(chunkEvents);
            pending.RemoveRange(0, pending.Count - (int)left);
            if (position == data.Length)
            {
                break;
            }
        }

        Assert.Equal(data.Length, position);
        return (events, pending.Count);
    }

    public static string Describe(BscUnit unit) =>
        unit.Kind == BscUnitKind.Block ? "block:" + Encoding.Latin1.GetString(unit.Text.Span) : unit.Kind.ToString();

    public static byte[] Encode(BscCodeTable codes, int max, params BscUnit[] units)
    {
        var writer = new ArrayBufferWriter<byte>();
        foreach (var unit in units)
        {
            BscFrameWriter.Write(writer, unit, max, codes);
        }

        return writer.WrittenSpan.ToArray();
    }

    public static BscUnit Text(string text) => BscUnit.Block(Encoding.ASCII.GetBytes(text));
}
