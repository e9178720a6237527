namespace CtiGateway.Cli.Bench;

/// <summary>What <see cref="UserEventScanner"/> found in one message payload; offsets are into the payload, -1 when absent; ConnId 0 when absent.</summary>
internal struct ScannedMessage
{
    public MessageType Type;
    public int ReferenceId;
    public int ReferenceIdOffset;
    public int ThisDNOffset;
    public int ThisDNLength;
    public long Sequence;
    public int SequenceOffset;
    public long Timestamp;
    public int TimestampOffset;
    public long ConnId;

    public void Reset(MessageType type)
    {
        Type = type;
        ReferenceId = -1;
        ReferenceIdOffset = -1;
        ThisDNOffset = -1;
        ThisDNLength = 0;
        Sequence = -1;
        SequenceOffset = -1;
        Timestamp = 0;
        TimestampOffset = -1;
        ConnId = 0;
    }
}
