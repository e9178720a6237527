namespace CtiGateway.Protocol.Tests.Wireshark;

/// <summary>One CtiGateway frame as tshark dissected it (one <c>proto name="ctigw"</c> element of the PDML).</summary>
internal sealed record DissectedPdu
{
    /// <summary>The TCP source port of the packet that completed the frame.</summary>
    public required int SourcePort { get; init; }

    /// <summary>The packet number in the capture.</summary>
    public required int PacketNumber { get; init; }

    /// <summary>ctigw.kind.</summary>
    public required int Kind { get; init; }

    /// <summary>ctigw.msg.name, for messages.</summary>
    public string? MessageName { get; init; }

    /// <summary>ctigw.msg.type, for messages.</summary>
    public int? MessageType { get; init; }

    /// <summary>ctigw.msg.attr_count, for messages.</summary>
    public int? AttributeCount { get; init; }

    /// <summary>The attributes, in frame order.</summary>
    public IReadOnlyList<DissectedAttribute> Attributes { get; init; } = [];

    /// <summary>ctigw.addp.seq, for polls and replies.</summary>
    public uint? Sequence { get; init; }

    /// <summary>ctigw.addp.timeout, remote_timeout and trace, for hellos.</summary>
    public AddpHello? Hello { get; init; }

    /// <summary>Expert infos the dissector raised inside this frame.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];
}
