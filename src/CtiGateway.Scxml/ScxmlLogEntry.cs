namespace CtiGateway.Scxml;

/// <summary>One <c>&lt;log&gt;</c> line of a session.</summary>
/// <param name="SessionId">The session that logged it.</param>
/// <param name="Label">The <c>label</c> attribute, if any.</param>
/// <param name="Value">The value of <c>expr</c> as text (empty when there is none).</param>
/// <param name="Level">The ORS <c>level</c> attribute (1 to 4), null when absent.</param>
public sealed record ScxmlLogEntry(string SessionId, string? Label, string Value, int? Level);
