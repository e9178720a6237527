using CtiGateway.Protocol;

namespace CtiGateway.CallModel;

/// <summary>A call, as the model holds it (a copy: later changes are not seen).</summary>
/// <param name="ConnId">Its ConnID.</param>
/// <param name="CallId">The switch's callID now.</param>
/// <param name="CallUuid">Its CallUUID.</param>
/// <param name="CallType">Internal, Inbound, Outbound or Consult (Unknown when not yet known).</param>
/// <param name="CallState">Ok, or the state its last transfer, conference or redirect left.</param>
/// <param name="Ani">The calling number, when known.</param>
/// <param name="Dnis">The called number, when known.</param>
/// <param name="PreviousConnId">For a consultation call, the original call's ConnID.</param>
/// <param name="Started">When the model created it.</param>
/// <param name="Parties">Its parties still on the call, in joining order.</param>
/// <param name="UserData">Its user data.</param>
public sealed record CallInfo(
    ConnId ConnId,
    string CallId,
    string CallUuid,
    CallType CallType,
    CallState CallState,
    string? Ani,
    string? Dnis,
    ConnId? PreviousConnId,
    DateTimeOffset Started,
    IReadOnlyList<PartyInfo> Parties,
    KeyValueList UserData);
