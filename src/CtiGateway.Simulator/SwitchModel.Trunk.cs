using CtiGateway.Pbx.Csta;

namespace CtiGateway.Simulator;

/// <summary>
/// The trunk between the switches of the plan (<see cref="SwitchingPlan.AddAccessNumber"/>). A call from a device of
/// one switch to an access code + DN of another leaves its switch like an outbound call (NetworkReached; the far end
/// is the dialled number, alerting), and arrives at the other switch as a new call with its own callID: from the
/// trunk (the calling number is the caller's DN behind the access code the other switch dials back, when the plan
/// has one), Delivered (or Queued) at the DN. The two legs are tied: the DN answering answers the first leg's far
/// end (Established), and clearing either leg clears the trunk connection of the other.
/// </summary>
public sealed partial class SwitchModel
{
    /// <summary>The second legs created over the trunk so far.</summary>
    public int TrunkCalls { get; private set; }

    /// <summary>
    /// When <paramref name="calledDevice"/> is an access code + DN of another switch: sends the call out over the trunk
    /// and offers the new call at the DN. Returns false when the number is no trunk number; otherwise
    /// <paramref name="outbound"/> is the first leg's trunk connection, or null when the DN was busy or unknown.
    /// </summary>
    private bool TryOfferOverTrunk(SimCall call, string calledDevice, SimConnection caller, string? lastRedirection, out SimConnection? outbound)
    {
        outbound = null;
        var fromSwitch = SwitchOfCall(call, caller, lastRedirection);
        if (fromSwitch is null || !_plan.TryResolveTrunk(fromSwitch, calledDevice, out var toSwitch, out var dn))
        {
            return false;
        }

        var trunk = new SimConnection(call.CallId, calledDevice, SimConnectionState.Alerting);
        AddConnection(call, trunk);
        Raise(call, CstaEventType.NetworkReached, trunk, TrunkGroup, call.CallingDevice, call.CalledDevice, "normal", lastRedirection: lastRedirection);

        // A caller of the plan shows behind the access code the far switch dials back; an external caller as is.
        var ani = _plan.TryGet(call.CallingDevice, out var callerDevice) && _plan.AccessNumber(toSwitch, callerDevice.SwitchName) is { } back
            ? back + call.CallingDevice
            : call.CallingDevice;
        if (_plan.TryGet(ani, out _))
        {
            ani = TrunkGroup + ani;
        }

        var leg = NewCall(ani, dn);
        var arriving = new SimConnection(leg.CallId, ani, SimConnectionState.Connected);
        AddConnection(leg, arriving);
        trunk.TrunkPeer = arriving;
        trunk.TrunkPeerCall = leg;
        arriving.TrunkPeer = trunk;
        arriving.TrunkPeerCall = call;
        TrunkCalls++;
        if (Offer(leg, dn, arriving) is { } offered)
        {
            OnRedirected(leg, offered);
            outbound = trunk;
            return true;
        }

        // The DN is busy (the far switch reported Failed on its own leg): the first leg fails busy at the caller.
        arriving.TrunkPeer = null;
        _calls.Remove(leg.CallId);
        call.Connections.Remove(trunk);
        caller.State = SimConnectionState.Failed;
        Raise(call, CstaEventType.Failed, trunk, calledDevice, call.CallingDevice, call.CalledDevice, "busy", lastRedirection: lastRedirection);
        return true;
    }

    /// <summary>The switch a call is offered from: the redirecting device's, else the caller's, else any device's of the call.</summary>
    private string? SwitchOfCall(SimCall call, SimConnection caller, string? lastRedirection)
    {
        if (lastRedirection is not null && _plan.TryGet(lastRedirection, out var redirecting))
        {
            return redirecting.SwitchName;
        }

        if (_plan.TryGet(caller.DeviceId, out var device))
        {
            return device.SwitchName;
        }

        foreach (var c in call.Connections)
        {
            if (_plan.TryGet(c.DeviceId, out var d))
            {
                return d.SwitchName;
            }
        }

        return null;
    }

    /// <summary>A connection of <paramref name="call"/> was answered: the far end of the other leg answers too.</summary>
    private void AnswerTrunkPeers(SimCall call)
    {
        foreach (var c in call.Connections)
        {
            if (c.TrunkPeer is { State: SimConnectionState.Alerting } peer && c.TrunkPeerCall is { } peerCall && IsLive(peerCall))
            {
                peer.State = SimConnectionState.Connected;
                Raise(peerCall, CstaEventType.Established, peer, peer.DeviceId, peerCall.CallingDevice, peerCall.CalledDevice, "normal");
            }
        }
    }

    /// <summary>A trunk connection was cleared: the other leg's trunk connection clears (and with it that leg, when one party is left).</summary>
    private void ClearTrunkPeer(SimConnection cleared)
    {
        if (cleared.TrunkPeer is { } peer && peer.State != SimConnectionState.Null)
        {
            cleared.TrunkPeer = null;
            peer.TrunkPeer = null;
            ClearConnection(peer.Id);
        }
    }

    /// <summary>A trunk connection moved to a new call (transfer, conference): the other leg points at the new one.</summary>
    private static void MoveTrunk(SimConnection from, SimConnection to, SimCall toCall)
    {
        if (from.TrunkPeer is not { } peer)
        {
            return;
        }

        to.TrunkPeer = peer;
        to.TrunkPeerCall = from.TrunkPeerCall;
        peer.TrunkPeer = to;
        peer.TrunkPeerCall = toCall;
        from.TrunkPeer = null;
    }
}
