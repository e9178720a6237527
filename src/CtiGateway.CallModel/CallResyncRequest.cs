namespace CtiGateway.CallModel;

/// <summary>A request to resynchronise one call: snapshot each device named (DNs of the switch) and apply the replies.</summary>
/// <param name="CallId">The CSTA callID the model doubts.</param>
/// <param name="Devices">The DNs to snapshot: the call's parties on the switch and the device of the event at fault.</param>
public sealed record CallResyncRequest(string CallId, IReadOnlyList<string> Devices);
