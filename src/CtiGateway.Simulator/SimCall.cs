namespace CtiGateway.Simulator;

/// <summary>A call in the model: its callID, the calling and called devices and the connections, in joining order.</summary>
internal sealed class SimCall(string callId, string callingDevice, string calledDevice)
{
    public string CallId { get; } = callId;

    public string CallingDevice { get; } = callingDevice;

    public string CalledDevice { get; } = calledDevice;

    public List<SimConnection> Connections { get; } = new(2);

    /// <summary>The connection of <paramref name="deviceId"/>, or null.</summary>
    public SimConnection? Find(string deviceId) => Connections.Find(c => c.DeviceId == deviceId);
}
