namespace CtiGateway.Orchestration;

/// <summary>A &lt;log&gt; line of a session, with the session id and the ConnID it names.</summary>
public sealed record SessionLogLine(string SessionId, string? ConnId, string? Label, string Text);
