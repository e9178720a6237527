namespace CtiGateway.Json;

/// <summary>An object member: its name with the name's own position, and its value.</summary>
internal sealed record PositionedProperty(string Name, int Line, int Column, PositionedJson Value);
