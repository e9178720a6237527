namespace CtiGateway.Protocol.Tests.Wireshark;

/// <summary>One attribute as the dissector shows it.</summary>
/// <param name="Name">ctigw.attr.name.</param>
/// <param name="Value">ctigw.attr.value (the value as text).</param>
/// <param name="EnumName">ctigw.attr.enum, when the dissector named the Int value.</param>
internal sealed record DissectedAttribute(string Name, string? Value, string? EnumName);
