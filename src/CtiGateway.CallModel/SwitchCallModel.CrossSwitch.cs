using CtiGateway.Protocol;

namespace CtiGateway.CallModel;

/// <summary>
/// Calls across switches: a call that arrives from outside the switch (over the trunk) at one of its DNs may be the
/// second leg of a redirect or transfer made on another switch of the gateway. <see cref="InboundLegUserData"/> is
/// asked once, when such a call is created, and the user data it returns becomes the new call's, before its first
/// event (EventRinging or EventQueued) is published.
/// </summary>
public sealed partial class SwitchCallModel
{
    /// <summary>
    /// Given the DN a new inbound call arrives at and its callID, the user data of the first leg it continues, or null.
    /// </summary>
    public Func<string, string, KeyValueList?>? InboundLegUserData { get; init; }

    private void LinkInboundLeg(Call call, string dn)
    {
        if (InboundLegUserData is { } lookup && lookup(dn, call.CallId) is { Count: > 0 } data)
        {
            call.UserData.Replace(data.Clone());
        }
    }
}
