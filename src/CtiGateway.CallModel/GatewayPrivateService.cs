namespace CtiGateway.CallModel;

/// <summary>
/// The private services of this gateway (RequestPrivateService, attribute PrivateMsgID): each is answered with EventACK,
/// then EventPrivateInfo carrying the same PrivateMsgID. The catalogue is documented in docs/wire-format.md.
/// </summary>
public enum GatewayPrivateService
{
    /// <summary>Per switch: link state, profile, frames, errors, reconnects, live calls, queue depth (no DN needed).</summary>
    LinkStatistics = 9001,

    /// <summary>One call (ConnID): its ids, type, state, ANI/DNIS, parties with states and roles, and its user data.</summary>
    CallSnapshot = 9002,

    /// <summary>One DN (ThisDN): the calls it is on, with its state and the other parties on each.</summary>
    DnSnapshot = 9003,
}
