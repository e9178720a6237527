using System.Buffers;
using CtiGateway.Pbx;
using CtiGateway.Pbx.Bsc;
using CtiGateway.Pbx.Lapb;
using CtiGateway.Pbx.SerialLinks;

namespace CtiGateway.Transport.Serial.Tests;

/// <summary>
/// The fault injector must change exactly one covered bit and never the framing: every corrupted frame reads back
/// as exactly one bad-fcs / bad-bcc error, and the good frame after it still reads intact.
/// </summary>
public sealed class FrameCorrupterTests
{
    [Fact]
    public void Corrupted_hdlc_i_frames_each_give_one_bad_fcs_and_keep_framing()
    {
        var random = new Random(7);
        var corrupter = new FrameCorrupter(100.0, new Random(8));
        for (var round = 0; round < 2000; round++)
        {
            // Information bytes drawn from a small alphabet rich in flag and escape values.
            var content = new byte[2 + random.Next(1, 40)];
            for (var i = 0; i < content.Length; i++)
            {
                content[i] = (byte)(random.Next(4) switch { 0 => 0x7E, 1 => 0x7D, 2 => 0x5E ^ (random.Next(2) << 5), _ => random.Next(256) });
            }

            var wire = new ArrayBufferWriter<byte>();
            corrupter.WriteHdlcFrame(content, isInformation: true, wire);
            HdlcFrameWriter.Write(content, wire);

            var reader = new HdlcFrameReader();
            var buffer = new ReadOnlySequence<byte>(wire.WrittenMemory);
            var error = Assert.Throws<PbxFramingException>(() => reader.TryReadFrame(ref buffer, out _, 256));
            Assert.Equal(HdlcFrameReader.CauseBadFcs, error.Cause);
            Assert.Equal(content.Length + 2, error.Bytes.Length);
            Assert.Equal(1, BitDifference(content, error.Bytes.AsSpan(0, content.Length)));

            Assert.True(reader.TryReadFrame(ref buffer, out var good, 256));
            Assert.Equal(content, good.Content.ToArray());
            Assert.False(reader.TryReadFrame(ref buffer, out _, 256));
        }

        Assert.Equal(2000, corrupter.CorruptedFrames);
    }

    [Fact]
    public void Non_information_hdlc_frames_are_never_corrupted()
    {
        var corrupter = new FrameCorrupter(100.0, new Random(9));
        var wire = new ArrayBufferWriter<byte>();
        corrupter.WriteHdlcFrame([0x01, 0x21], isInformation: false, wire);
        var reader = new HdlcFrameReader();
        var buffer = new ReadOnlySequence<byte>(wire.WrittenMemory);
        Assert.True(reader.TryReadFrame(ref buffer, out var frame, 256));
        Assert.Equal(new byte[] { 0x01, 0x21 }, frame.Content.ToArray());
        Assert.Equal(0, corrupter.CorruptedFrames);
    }

    [Fact]
    public void Corrupted_bsc_blocks_each_give_one_bad_bcc_and_keep_framing()
    {
        var random = new Random(10);
        var corrupter = new FrameCorrupter(100.0, new Random(11));
        for (var round = 0; round < 2000; round++)
        {
            var text = new byte[random.Next(1, 60)];
            for (var i = 0; i < text.Length; i++)
            {
                text[i] = (byte)random.Next(0x20, 0x7F);
            }

            var wire = new ArrayBufferWriter<byte>();
            corrupter.WriteBscUnit(BscUnit.Block(text), 2048, BscCodeTable.Neax, wire);
            corrupter.WriteBscUnit(BscUnit.Control(BscUnitKind.Eot), 2048, BscCodeTable.Neax, wire);
            BscFrameWriter.Write(wire, BscUnit.Block(text), 2048);

            var buffer = new ReadOnlySequence<byte>(wire.WrittenMemory);
            var error = Assert.Throws<PbxFramingException>(() => BscFrameReader.TryRead(ref buffer, out _, 2048));
            Assert.Equal("bad-bcc", error.Cause);
            Assert.Equal(text.Length + 3, error.Bytes.Length);
            Assert.Equal(1, BitDifference(text, error.Bytes.AsSpan(1, text.Length)));

            Assert.True(BscFrameReader.TryRead(ref buffer, out var eot, 2048));
            Assert.Equal(BscUnitKind.Eot, eot.Kind);
            Assert.True(BscFrameReader.TryRead(ref buffer, out var good, 2048));
            Assert.Equal(text, good.Text.ToArray());
            Assert.True(buffer.IsEmpty);
        }

        Assert.Equal(2000, corrupter.CorruptedFrames);
    }

    [Fact]
    public void Zero_percent_never_corrupts_and_out_of_range_percent_is_refused()
    {
        var corrupter = new FrameCorrupter(0, new Random(12));
        var wire = new ArrayBufferWriter<byte>();
        corrupter.WriteBscUnit(BscUnit.Block("<x/>"u8.ToArray()), 2048, BscCodeTable.Neax, wire);
        var buffer = new ReadOnlySequence<byte>(wire.WrittenMemory);
        Assert.True(BscFrameReader.TryRead(ref buffer, out var unit, 2048));
        Assert.Equal("<x/>"u8.ToArray(), unit.Text.ToArray());
        Assert.Equal(0, corrupter.CorruptedFrames);
        Assert.Throws<ArgumentOutOfRangeException>(() => new FrameCorrupter(100.5, new Random(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FrameCorrupter(-1, new Random(1)));
    }

    private static int BitDifference(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        Assert.Equal(a.Length, b.Length);
        var bits = 0;
        for (var i = 0; i < a.Length; i++)
        {
            bits += System.Numerics.BitOperations.PopCount((uint)(a[i] ^ b[i]));
        }

        return bits;
    }
}
