using CtiGateway.Protocol;
using Microsoft.Extensions.Logging;

namespace CtiGateway.Server;

public sealed partial class TlibServer
{
    /// <summary>Log category of the T-Library message trace (every request received, every event sent), at Trace level.</summary>
    public const string ProtocolTraceCategory = "CtiGateway.ProtocolTrace";

    /// <summary>
    /// Opt-in T-Library message trace: when set, every request received, response sent and event published is logged
    /// at Trace level on this logger (normally one of category <see cref="ProtocolTraceCategory"/>) while it is enabled
    /// for Trace. Null (the default) costs nothing on the event path.
    /// </summary>
    public ILogger? ProtocolTrace { get; init; }

    private void TraceRequest(ClientConnection client, TlibMessage request)
    {
        if (ProtocolTrace is { } trace && trace.IsEnabled(LogLevel.Trace))
        {
            ProtocolTraceLog.Request(trace, client.Id, request.ToString());
        }
    }

    private void TraceResponse(ClientConnection client, TlibMessage evt)
    {
        if (ProtocolTrace is { } trace && trace.IsEnabled(LogLevel.Trace))
        {
            ProtocolTraceLog.Response(trace, client.Id, evt.ToString());
        }
    }

    private void TraceEvent(string? dn, TlibMessage evt, int recipients)
    {
        if (ProtocolTrace is { } trace && trace.IsEnabled(LogLevel.Trace))
        {
            ProtocolTraceLog.Event(trace, dn ?? "(all clients)", evt.ToString(), recipients);
        }
    }
}
