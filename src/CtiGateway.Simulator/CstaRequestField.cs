namespace CtiGateway.Simulator;

/// <summary>
/// One child element of a request's root: its first text (found at any depth, e.g. monitorObject/deviceObject) and,
/// when it is a ConnectionID, its callID and deviceID.
/// </summary>
/// <param name="Text">The first non-empty text inside the element, trimmed; null when none.</param>
/// <param name="CallId">callID inside the element, when present.</param>
/// <param name="DeviceId">deviceID inside the element, when present.</param>
public sealed record CstaRequestField(string? Text, string? CallId, string? DeviceId);
