namespace CtiGateway.Protocol.Tests.Wireshark;

/// <summary>The outcome of running an external tool.</summary>
/// <param name="ExitCode">The process exit code.</param>
/// <param name="StandardOutput">Everything written to stdout.</param>
/// <param name="StandardError">Everything written to stderr.</param>
internal sealed record ToolResult(int ExitCode, string StandardOutput, string StandardError);
