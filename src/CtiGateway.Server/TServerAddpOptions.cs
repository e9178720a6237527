using CtiGateway.Protocol;

namespace CtiGateway.Server;

/// <summary>
/// Server-side ADDP (config section "TServer:Addp"). A client that sends an ADDP hello sets the polling timeout of
/// its own connection (its addp-remote-timeout); these settings apply to every connection before that.
/// </summary>
public sealed class TServerAddpOptions
{
    /// <summary>
    /// addp-timeout in seconds, 0-3600 (0 = off): the server polls a client after this much silence and closes the
    /// connection when the same interval passes again without an answer.
    /// </summary>
    public int TimeoutSeconds { get; set; }

    /// <summary>
    /// addp-remote-timeout in seconds, 0-3600 (0 = off): when set, the server sends an ADDP hello right after connect
    /// asking the client to poll the server with this timeout.
    /// </summary>
    public int RemoteTimeoutSeconds { get; set; }

    /// <summary>addp-trace: "off" (also false/no), "local" (on/true/yes), "remote", "full" (both).</summary>
    public string Trace { get; set; } = "off";

    /// <summary>The parsed trace mode (Off when <see cref="Trace"/> does not parse; Validate reports that).</summary>
    internal AddpTrace ParsedTrace => AddpOptions.TryParseTrace(Trace, out var t) ? t : AddpTrace.Off;
}
