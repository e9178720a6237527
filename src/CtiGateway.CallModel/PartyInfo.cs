using CtiGateway.Pbx.Csta;
using CtiGateway.Protocol;

namespace CtiGateway.CallModel;

/// <summary>A party of a call, as the model holds it.</summary>
/// <param name="Dn">The DN.</param>
/// <param name="State">Its state (T-Library PartyState).</param>
/// <param name="Role">Its role (ThisDNRole in its events).</param>
/// <param name="Connection">Its CSTA connection on the switch (callID and deviceID), for call control.</param>
/// <param name="IsInternal">A DN of the switch (false: a trunk or a number outside the switch).</param>
public sealed record PartyInfo(string Dn, PartyState State, DNRole Role, CstaConnectionId Connection, bool IsInternal);
