using CtiGateway.Pbx.Csta;

namespace CtiGateway.Simulator;

/// <summary>One device's connection in a call.</summary>
internal sealed class SimConnection(string callId, string deviceId, SimConnectionState state)
{
    public CstaConnectionId Id { get; } = new(callId, deviceId);

    public string DeviceId => Id.DeviceId;

    public SimConnectionState State { get; set; } = state;
}
