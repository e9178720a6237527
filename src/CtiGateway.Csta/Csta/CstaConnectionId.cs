namespace CtiGateway.Pbx.Csta;

/// <summary>A CSTA ConnectionID: the call and the device in it.</summary>
/// <param name="CallId">The callID (OSV: 32 hex characters).</param>
/// <param name="DeviceId">The deviceID, as sent (OSV may send <c>N&lt;...&gt;;...</c> forms).</param>
public readonly record struct CstaConnectionId(string CallId, string DeviceId);
