using System.Buffers;
using CtiGateway.Pbx.Lapb;

namespace CtiGateway.Pbx.Tests.Lapb;

/// <summary>
/// Two <see cref="LapbLink"/> stations wired back to back in virtual time through async HDLC framing and a
/// seeded lossy channel (drops whole frames, flips one bit inside the FCS-covered part of others).
/// </summary>
internal sealed class LapbBackToBack
{
    private readonly Random _random;
    private readonly Direction _toB;
    private readonly Direction _toA;

    public LapbBackToBack(int seed, LapbOptions optionsA, LapbOptions optionsB)
    {
        _random = new Random(seed);
        A = new LapbLink(optionsA);
        B = new LapbLink(optionsB);
        _toB = new Direction(B, optionsB.MaxFrameSize);
        _toA = new Direction(A, optionsA.MaxFrameSize);
    }

    public LapbLink A { get; }

    public LapbLink B { get; }

    public TimeSpan Now { get; private set; }

    public double DropRate { get; set; }

    public double CorruptRate { get; set; }

    /// <summary>When true every frame is dropped (a cut line).</summary>
    public bool LineCut { get; set; }

    public int Dropped { get; private set; }

    public int Corrupted { get; private set; }

    public int BadFcs { get; private set; }

    public List<string> OtherFramingErrors { get; } = [];

    public List<byte[]> DeliveredToA { get; } = [];

    public List<byte[]> DeliveredToB { get; } = [];

    public List<LapbLinkEvent> EventsA { get; } = [];

    public List<LapbLinkEvent> EventsB { get; } = [];

    /// <summary>Every frame A put on the line, good ones as sent (address, control, information).</summary>
    public List<(TimeSpan At, LapbFrame Frame)> SentByA { get; } = [];

    /// <summary>Bit rate of the line in bytes per second (19200 8N1).</summary>
    public double BytesPerSecond { get; set; } = 1920;

    /// <summary>Runs until <paramref name="done"/> holds or the virtual time reaches <paramref name="limit"/>.</summary>
    public bool RunUntil(Func<bool> done, TimeSpan limit)
    {
        while (true)
        {
            Flush(A, _toB, SentByA);
            Flush(B, _toA, null);
            Drain();
            if (done())
            {
                return true;
            }

            var next = Min(Min(_toB.NextArrival, _toA.NextArrival), Min(A.NextDeadline, B.NextDeadline));
            if (next is null || next.Value > limit)
            {
                return false;
            }

            Now = next.Value > Now ? next.Value : Now;
            _toB.DeliverDue(Now, this);
            _toA.DeliverDue(Now, this);
            A.Tick(Now);
            B.Tick(Now);
        }
    }

    private static TimeSpan? Min(TimeSpan? x, TimeSpan? y) => x is null ? y : y is null ? x : (x < y ? x : y);

    private void Drain()
    {
        while (A.TryDequeueDelivered(out var info))
        {
            DeliveredToA.Add(info.ToArray());
        }

        while (B.TryDequeueDelivered(out var info))
        {
            DeliveredToB.Add(info.ToArray());
        }

        while (A.TryDequeueEvent(out var e))
        {
            EventsA.Add(e);
        }

        while (B.TryDequeueEvent(out var e))
        {
            EventsB.Add(e);
        }
    }

    private void Flush(LapbLink from, Direction direction, List<(TimeSpan At, LapbFrame Frame)>? trace)
    {
        while (from.TryDequeueOutgoing(out var frame))
        {
            trace?.Add((Now, frame));
            var writer = new ArrayBufferWriter<byte>();
            HdlcFrameWriter.Write(frame.ToArray(), writer);
            var wire = writer.WrittenSpan.ToArray();
            if (LineCut || _random.NextDouble() < DropRate)
            {
                Dropped++;
                continue;
            }

            if (_random.NextDouble() < CorruptRate)
            {
                FlipBitInCoveredPart(wire, frame.Length);
                Corrupted++;
            }

            direction.Send(wire, Now, BytesPerSecond);
        }
    }

    /// <summary>Flips one bit of an unescaped byte of address/control/information so that stuffing stays valid.</summary>
    private void FlipBitInCoveredPart(byte[] wire, int contentLength)
    {
        var candidates = new List<int>();
        var unstuffed = 0;
        for (var i = 1; i < wire.Length - 1 && unstuffed < contentLength; i++)
        {
            if (wire[i] == HdlcFrameWriter.ControlEscape)
            {
                i++;
            }
            else
            {
                candidates.Add(i);
            }

            unstuffed++;
        }

        while (true)
        {
            var at = candidates[_random.Next(candidates.Count)];
            var flipped = (byte)(wire[at] ^ (1 << _random.Next(8)));
            if (flipped != HdlcFrameWriter.Flag && flipped != HdlcFrameWriter.ControlEscape)
            {
                wire[at] = flipped;
                return;
            }
        }
    }

    private sealed class Direction(LapbLink receiver, int maxFrameSize)
    {
        private readonly Queue<(TimeSpan At, byte[] Bytes)> _line = new();
        private readonly HdlcFrameReader _reader = new();
        private byte[] _received = [];
        private TimeSpan _lineFreeAt;

        public TimeSpan? NextArrival => _line.Count > 0 ? _line.Peek().At : null;

        public void Send(byte[] wire, TimeSpan now, double bytesPerSecond)
        {
            var start = now > _lineFreeAt ? now : _lineFreeAt;
            _lineFreeAt = start + TimeSpan.FromSeconds(wire.Length / bytesPerSecond);
            _line.Enqueue((_lineFreeAt + TimeSpan.FromMilliseconds(2), wire));
        }

        public void DeliverDue(TimeSpan now, LapbBackToBack owner)
        {
            while (_line.Count > 0 && _line.Peek().At <= now)
            {
                _received = [.. _received, .. _line.Dequeue().Bytes];
            }

            var buffer = new ReadOnlySequence<byte>(_received);
            while (true)
            {
                try
                {
                    if (!_reader.TryReadFrame(ref buffer, out var frame, maxFrameSize))
                    {
                        break;
                    }

                    receiver.Receive(frame.Content.Span, now);
                }
                catch (PbxFramingException ex) when (ex.Cause == HdlcFrameReader.CauseBadFcs)
                {
                    owner.BadFcs++;
                }
                catch (PbxFramingException ex)
                {
                    owner.OtherFramingErrors.Add(ex.Cause + ": " + ex.Message);
                }
            }

            _received = buffer.ToArray();
        }
    }
}
