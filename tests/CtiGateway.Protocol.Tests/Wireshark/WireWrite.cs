using CtiGateway.Protocol.Tests.WireFormat;

namespace CtiGateway.Protocol.Tests.Wireshark;

/// <summary>One step of the captured session: bytes one side writes (each chunk its own socket write) and the frames they hold.</summary>
/// <param name="FromClient">True for client to server.</param>
/// <param name="Chunks">The socket writes; the receiver reads each chunk whole before the next is written.</param>
/// <param name="Frames">The frames the chunks carry, in order.</param>
/// <param name="Description">What the step shows.</param>
internal sealed record WireWrite(bool FromClient, IReadOnlyList<byte[]> Chunks, IReadOnlyList<DumpExpectation> Frames, string Description);
