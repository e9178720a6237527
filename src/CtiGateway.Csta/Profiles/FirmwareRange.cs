namespace CtiGateway.Pbx.Profiles;

/// <summary>The firmware releases a profile covers, inclusive (free-form release names such as "V10R0").</summary>
public sealed record FirmwareRange(string Min, string Max);
