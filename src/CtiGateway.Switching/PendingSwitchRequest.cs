using CtiGateway.CallModel;
using CtiGateway.Server;

namespace CtiGateway.Switching;

/// <summary>A client request sent to the switch and not yet answered.</summary>
/// <param name="Request">The client's request and reply handle.</param>
/// <param name="Command">What was sent (device ids as the switch knows them).</param>
/// <param name="Service">The CSTA service sent now (MuteTransfer sends ConsultationCall, then TransferCall).</param>
internal sealed record PendingSwitchRequest(TlibRequest Request, SwitchCommand Command, string Service)
{
    /// <summary>The reply expectation that stamps the request's ReferenceID on its events, or null.</summary>
    public ReplyExpectation? Expectation { get; init; }
}
