using CtiGateway.Protocol;

namespace CtiGateway.Client;

/// <summary>One frame queued for the writer loop: a message (with its pending request) or an ADDP frame.</summary>
internal readonly struct OutgoingFrame
{
    private OutgoingFrame(FrameKind kind, TlibMessage? message, PendingRequest? pending, uint sequence, AddpHello hello)
    {
        Kind = kind;
        Message = message;
        Pending = pending;
        Sequence = sequence;
        Hello = hello;
    }

    public FrameKind Kind { get; }

    public TlibMessage? Message { get; }

    public PendingRequest? Pending { get; }

    public uint Sequence { get; }

    public AddpHello Hello { get; }

    public static OutgoingFrame ForMessage(TlibMessage message, PendingRequest? pending) => new(FrameKind.Message, message, pending, 0, default);

    public static OutgoingFrame ForAddp(FrameKind kind, uint sequence) => new(kind, null, null, sequence, default);

    public static OutgoingFrame ForHello(AddpHello hello) => new(FrameKind.AddpHello, null, null, 0, hello);
}
