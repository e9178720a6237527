using CtiGateway.Protocol;

namespace CtiGateway.Server.Tests;

/// <summary>One frame the test client read: a message, an ADDP poll/reply (with its sequence), or an ADDP hello.</summary>
internal sealed record Received(FrameKind Kind, TlibMessage? Message, uint Sequence, AddpHello? Hello);
