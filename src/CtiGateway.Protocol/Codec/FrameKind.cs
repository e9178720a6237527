namespace CtiGateway.Protocol;

/// <summary>Byte 3 of the frame header: what the payload is.</summary>
public enum FrameKind : byte
{
    /// <summary>A T-Library message.</summary>
    Message = 0x01,

    /// <summary>ADDP poll: u32 sequence number.</summary>
    AddpPoll = 0x02,

    /// <summary>ADDP reply: echoes the poll's u32 sequence number.</summary>
    AddpReply = 0x03,

    /// <summary>ADDP hello: the sender's timeouts and trace request, sent once after connect.</summary>
    AddpHello = 0x04,
}
