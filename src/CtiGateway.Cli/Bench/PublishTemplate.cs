using System.Buffers;

namespace CtiGateway.Cli.Bench;

/// <summary>
/// A pre-encoded RequestDistributeUserEvent frame for one DN, with the offsets where the publisher patches the
/// ReferenceID, the sequence number and the send time, so publishing allocates nothing.
/// </summary>
internal sealed class PublishTemplate
{
    private PublishTemplate(byte[] frame, int referenceIdOffset, int sequenceOffset, int timestampOffset)
    {
        Frame = frame;
        ReferenceIdOffset = referenceIdOffset;
        SequenceOffset = sequenceOffset;
        TimestampOffset = timestampOffset;
    }

    public byte[] Frame { get; }

    public int ReferenceIdOffset { get; }

    public int SequenceOffset { get; }

    public int TimestampOffset { get; }

    /// <summary>The bench's UserData: sequence number, send time, padding.</summary>
    public static KeyValueList UserData(int padding) => new KeyValueList()
        .Add(UserEventScanner.SequenceKey, 0)
        .Add(UserEventScanner.TimestampKey, new byte[8])
        .Add(UserEventScanner.PaddingKey, new byte[padding]);

    /// <summary>
    /// The padding that makes the EventUserEvent the server sends for <paramref name="dn"/> about
    /// <paramref name="eventSize"/> bytes, assuming it stamps time, sequence number and start time as usual.
    /// </summary>
    public static int PaddingFor(string dn, int eventSize)
    {
        var probe = new TlibMessage(MessageType.EventUserEvent) { ThisDN = dn, UserData = UserData(0), Time = new TlibTime(0, 0), EventSequenceNumber = 0 };
        probe.ServerStartTime = new TlibTime(0, 0);
        var writer = new ArrayBufferWriter<byte>();
        var baseSize = TlibMessageWriter.Write(probe, writer);
        return Math.Max(0, eventSize - baseSize);
    }

    /// <summary>Encodes the template for <paramref name="dn"/>.</summary>
    public static PublishTemplate Create(string dn, int padding)
    {
        var request = new TlibMessage(MessageType.RequestDistributeUserEvent) { ReferenceID = 1, ThisDN = dn, UserData = UserData(padding) }
            .Set(AttributeId.UserEvent, (int)MessageType.EventUserEvent);
        var writer = new ArrayBufferWriter<byte>();
        TlibMessageWriter.Write(request, writer, TlibWire.MaxMaxFrameSize);
        var frame = writer.WrittenSpan.ToArray();
        if (!UserEventScanner.TryScan(frame.AsSpan(TlibWire.HeaderSize), out var scanned)
            || scanned.ReferenceIdOffset < 0 || scanned.SequenceOffset < 0 || scanned.TimestampOffset < 0)
        {
            throw new InvalidOperationException("The bench request template does not scan back.");
        }

        return new PublishTemplate(frame, TlibWire.HeaderSize + scanned.ReferenceIdOffset, TlibWire.HeaderSize + scanned.SequenceOffset, TlibWire.HeaderSize + scanned.TimestampOffset);
    }
}
