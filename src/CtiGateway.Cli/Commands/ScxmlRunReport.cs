namespace CtiGateway.Cli;

/// <summary>What <c>ctigw scxml run --json</c> prints: how the session ended, its final state and its log lines.</summary>
internal sealed record ScxmlRunReport(string End, string? Final, string? Error, string SessionId, string[] Log);
