using CtiGateway.Protocol;

namespace CtiGateway.CallModel;

/// <summary>
/// A party the call is on its way to after a redirect, a queue's divert, a single-step transfer or a single-step
/// conference: how its EventRinging (or EventEstablished) is to be reported when it arrives.
/// </summary>
/// <param name="Dn">The DN expected, or null when the switch did not name it.</param>
/// <param name="Role">ThisDNRole of the arriving party.</param>
/// <param name="State">CallState of its EventRinging.</param>
/// <param name="ThirdPartyDn">ThirdPartyDN (the DN that sent the call on), or null.</param>
/// <param name="ThirdPartyRole">ThirdPartyDNRole, or null.</param>
/// <param name="Queue">ThisQueue (the queue or routing point the call came from), or null.</param>
internal sealed record PendingArrival(string? Dn, DNRole Role, CallState State, string? ThirdPartyDn, DNRole? ThirdPartyRole, string? Queue);
