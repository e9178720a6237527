namespace CtiGateway.Protocol.Tests.WireFormat;

/// <summary>What a documented hex dump must decode to: a message, an ADDP hello, or an ADDP poll/reply.</summary>
internal sealed record DumpExpectation
{
    public required FrameKind Kind { get; init; }

    public TlibMessage? Message { get; init; }

    public AddpHello? Hello { get; init; }

    public uint? Sequence { get; init; }

    public static DumpExpectation Of(TlibMessage message) => new() { Kind = FrameKind.Message, Message = message };

    public static DumpExpectation Of(AddpHello hello) => new() { Kind = FrameKind.AddpHello, Hello = hello };

    public static DumpExpectation Poll(uint sequence) => new() { Kind = FrameKind.AddpPoll, Sequence = sequence };

    public static DumpExpectation Reply(uint sequence) => new() { Kind = FrameKind.AddpReply, Sequence = sequence };
}
