using CtiGateway.Pbx.Csta;

namespace CtiGateway.Simulator;

/// <summary>One device's connection in a call.</summary>
internal sealed class SimConnection(string callId, string deviceId, SimConnectionState state)
{
    public CstaConnectionId Id { get; } = new(callId, deviceId);

    public string DeviceId => Id.DeviceId;

    public SimConnectionState State { get; set; } = state;

    /// <summary>For a trunk connection between two switches of the plan: the connection at the other end of the trunk.</summary>
    public SimConnection? TrunkPeer { get; set; }

    /// <summary>The call <see cref="TrunkPeer"/> belongs to.</summary>
    public SimCall? TrunkPeerCall { get; set; }
}
