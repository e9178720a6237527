using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using CtiGateway.Protocol.Tests.Support;

namespace CtiGateway.Protocol.Tests.Codec;

/// <summary>
/// Seeded fuzzing of TryReadFrame + Decode: random bytes, valid frames with mutations, random lengths. The only
/// exception allowed is <see cref="TlibProtocolException"/> (fatal from the frame reader, non-fatal from the decoder);
/// every input the codec accepts is re-encoded and must give back the very same bytes and an equal message (the
/// oracle check Garnet's fuzz targets do). Reproduce a failure with CTIGW_FUZZ_SEED and CTIGW_FUZZ_ITERATIONS.
/// </summary>
public sealed class FuzzTests
{
    private const int DefaultSeed = 0x7E1B;
    private const int DefaultIterations = 100_000;

    private static readonly byte[] Interesting8 = [0x00, 0x01, 0x7F, 0x80, 0xFF, 0x54, 0x4C, 0x03, 0x07, 0x08];
    private static readonly uint[] Interesting32 = [0, 1, 3, 4, 0x7F, 0xFF, 0xFFFF, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF, 999_999, 1_000_000];

    [Fact]
    public void RandomAndMutatedInputsRaiseOnlyProtocolErrorsAndAcceptedFramesReencodeExactly()
    {
        var seed = EnvInt("CTIGW_FUZZ_SEED", DefaultSeed);
        var iterations = EnvInt("CTIGW_FUZZ_ITERATIONS", DefaultIterations);
        var rng = new Random(seed);
        var corpus = BuildCorpus(rng);
        var stats = new Stats();
        for (var i = 0; i < iterations; i++)
        {
            var strategy = rng.Next(10);
            var input = strategy switch
            {
                0 => RandomBytes(rng),
                1 => RandomLengthFrame(rng),
                2 => Concatenate(rng, corpus),
                _ => Mutate(rng, corpus[rng.Next(corpus.Length)]),
            };
            var cuts = RandomCuts(rng, input.Length);
            try
            {
                Run(Segmented.Build(input, cuts), stats);
            }
            catch (Exception e) when (e is not TlibProtocolException)
            {
                Assert.Fail($"Seed {seed}, iteration {i}, strategy {strategy}, cuts [{string.Join(',', cuts)}], input {Convert.ToHexString(input)}: {e}");
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"Seed {seed}, {iterations} inputs: {stats.Decoded} messages decoded and re-encoded, {stats.Addp} ADDP frames, errors {string.Join(", ", stats.Errors.OrderBy(e => e.Key))}.");

        // The generator must reach every outcome, or the fuzzing proves little.
        Assert.True(stats.Decoded > iterations / 10, $"Only {stats.Decoded} messages decoded.");
        Assert.True(stats.Addp > 1000, $"Only {stats.Addp} ADDP frames read.");
        foreach (var kind in Enum.GetValues<ProtocolErrorKind>().Where(k => k != ProtocolErrorKind.TruncatedFrame))
        {
            Assert.True(stats.Errors.GetValueOrDefault(kind) > 0, $"No {kind} error was raised ({string.Join(", ", stats.Errors)}).");
        }
    }

    /// <summary>Reads every frame; a fatal error ends the stream, a message error goes on to the next frame.</summary>
    private static void Run(ReadOnlySequence<byte> buffer, Stats stats)
    {
        while (true)
        {
            var before = buffer;
            TlibFrame frame;
            try
            {
                if (!TlibFrameReader.TryReadFrame(ref buffer, out frame))
                {
                    Assert.Equal(before.Start, buffer.Start);
                    return;
                }
            }
            catch (TlibProtocolException e)
            {
                Assert.True(e.IsFatal, $"The frame reader raised a non-fatal {e.Kind}.");
                Assert.InRange(e.Offset, 0, TlibWire.HeaderSize - 1);
                stats.Count(e.Kind);
                return;
            }

            var original = before.Slice(0, buffer.Start).ToArray();
            Assert.Equal(TlibWire.HeaderSize + frame.Payload.Length, original.Length);
            if (frame.Kind == FrameKind.Message)
            {
                DecodeAndCheck(frame, original, stats);
            }
            else if (!ReadAddpAndCheck(frame, original, stats))
            {
                return;
            }
        }
    }

    private static void DecodeAndCheck(TlibFrame frame, byte[] original, Stats stats)
    {
        TlibMessage message;
        try
        {
            message = TlibMessageReader.Decode(frame.Payload);
        }
        catch (TlibProtocolException e)
        {
            Assert.False(e.IsFatal, $"The decoder raised a fatal {e.Kind}.");
            Assert.InRange(e.Offset, 0, frame.Payload.Length);
            Assert.NotNull(e.Partial);
            _ = e.Partial.ToString();
            stats.Count(e.Kind);
            return;
        }

        // Oracle: the encoding is canonical, so what was accepted must re-encode to the same bytes.
        _ = message.ToString();
        var reencoded = Wire.Encode(message);
        Assert.True(original.AsSpan().SequenceEqual(reencoded), $"Re-encoding {message} changed the bytes.");
        Assert.True(MessageAssert.AreEqual(message, Wire.Decode(reencoded)), $"Decoding the re-encoded {message} gave another message.");
        stats.Decoded++;
    }

    private static bool ReadAddpAndCheck(TlibFrame frame, byte[] original, Stats stats)
    {
        var w = new ArrayBufferWriter<byte>();
        if (frame.Kind == FrameKind.AddpHello)
        {
            AddpHello hello;
            try
            {
                hello = TlibFrameReader.ReadAddpHello(frame);
            }
            catch (TlibProtocolException e)
            {
                Assert.True(e.IsFatal);
                stats.Count(e.Kind);
                return false;
            }

            TlibMessageWriter.WriteAddpHello(hello, w);
        }
        else
        {
            TlibMessageWriter.WriteAddp(frame.Kind, TlibFrameReader.ReadAddpSequence(frame), w);
        }

        Assert.Equal(original, w.WrittenSpan.ToArray());
        stats.Addp++;
        return true;
    }

    private static byte[][] BuildCorpus(Random rng)
    {
        var corpus = new List<byte[]>();
        for (var i = 0; i < 300; i++)
        {
            corpus.Add(Wire.Encode(RandomMessages.Next(rng)));
        }

        foreach (var type in new[] { MessageType.EventRinging, MessageType.RequestSetInputMask, MessageType.RequestAttachUserData })
        {
            corpus.Add(Wire.Encode(SampleValues.FullMessage(type)));
        }

        for (var i = 0; i < 20; i++)
        {
            var w = new ArrayBufferWriter<byte>();
            TlibMessageWriter.WriteAddp(i % 2 == 0 ? FrameKind.AddpPoll : FrameKind.AddpReply, (uint)rng.Next(), w);
            TlibMessageWriter.WriteAddpHello(new AddpHello((ushort)rng.Next(3601), (ushort)rng.Next(3601), (AddpTrace)rng.Next(4)), w);
            corpus.Add(w.WrittenSpan.ToArray());
        }

        return [.. corpus];
    }

    private static byte[] RandomBytes(Random rng) => RandomMessages.Bytes(rng, rng.Next(65));

    /// <summary>A valid header of any kind with a random length, and random bytes (not necessarily as many).</summary>
    private static byte[] RandomLengthFrame(Random rng)
    {
        var body = RandomMessages.Bytes(rng, rng.Next(48));
        if (rng.Next(2) == 0 && body.Length >= 4)
        {
            body[2] = 0;
            body[3] = (byte)rng.Next(4);
        }

        var length = rng.Next(3) switch
        {
            0 => (uint)body.Length,
            1 => (uint)rng.Next(body.Length + 8),
            _ => Interesting32[rng.Next(Interesting32.Length)],
        };
        return new Wire().U8(0x54).U8(0x4C).U8(1).U8(rng.Next(1, 5)).U32(length).Raw(body).ToArray();
    }

    private static byte[] Concatenate(Random rng, byte[][] corpus)
    {
        var n = rng.Next(2, 5);
        var parts = new List<byte>();
        for (var i = 0; i < n; i++)
        {
            parts.AddRange(i == n - 1 && rng.Next(2) == 0 ? Mutate(rng, corpus[rng.Next(corpus.Length)]) : corpus[rng.Next(corpus.Length)]);
        }

        return [.. parts];
    }

    private static byte[] Mutate(Random rng, byte[] frame)
    {
        var b = new List<byte>(frame);
        var mutations = rng.Next(1, 4);
        for (var m = 0; m < mutations && b.Count > 0; m++)
        {
            var at = rng.Next(b.Count);
            switch (rng.Next(7))
            {
                case 0:
                    b[at] ^= (byte)(1 << rng.Next(8));
                    break;
                case 1:
                    // Duplicate a slice: repeated attributes, pairs and headers.
                    var length = Math.Min(b.Count - at, rng.Next(1, 24));
                    b.InsertRange(rng.Next(b.Count + 1), b.GetRange(at, length));
                    break;
                case 2:
                    b.InsertRange(at, RandomMessages.Bytes(rng, rng.Next(1, 9)));
                    break;
                case 3:
                    b.RemoveRange(at, Math.Min(b.Count - at, rng.Next(1, 9)));
                    break;
                case 4:
                    b[at] = Interesting8[rng.Next(Interesting8.Length)];
                    break;
                case 5 when b.Count - at >= 4:
                    var word = new byte[4];
                    BinaryPrimitives.WriteUInt32BigEndian(word, Interesting32[rng.Next(Interesting32.Length)]);
                    for (var k = 0; k < 4; k++)
                    {
                        b[at + k] = word[k];
                    }

                    break;
                default:
                    b.RemoveRange(at, b.Count - at);
                    break;
            }
        }

        var bytes = b.ToArray();
        if (bytes.Length >= TlibWire.HeaderSize && rng.Next(2) == 0)
        {
            // Keep the header's length honest half of the time, so that the mutated body reaches the decoder.
            BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(4), (uint)(bytes.Length - TlibWire.HeaderSize));
        }

        return bytes;
    }

    private static int[] RandomCuts(Random rng, int length)
    {
        if (length == 0 || rng.Next(2) == 0)
        {
            return [];
        }

        var cuts = new SortedSet<int>();
        var n = rng.Next(1, 4);
        for (var i = 0; i < n; i++)
        {
            cuts.Add(rng.Next(length + 1));
        }

        return [.. cuts];
    }

    private static int EnvInt(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : fallback;

    private sealed class Stats
    {
        public int Decoded { get; set; }

        public int Addp { get; set; }

        public Dictionary<ProtocolErrorKind, int> Errors { get; } = [];

        public void Count(ProtocolErrorKind kind) => Errors[kind] = Errors.GetValueOrDefault(kind) + 1;
    }
}
