using CtiGateway.Protocol;
using Microsoft.Extensions.Logging;

namespace CtiGateway.Server;

public sealed partial class TlibServer
{
    /// <summary>Log category of the T-Library message trace (every request received, every event sent), at Trace level.</summary>
    public const string ProtocolTraceCategory = "CtiGateway.ProtocolTrace";

    private readonly ILogger _protocolTrace;

    private void TraceRequest(ClientConnection client, TlibMessage request)
    {
        if (_protocolTrace.IsEnabled(LogLevel.Trace))
        {
            ProtocolTraceLog.Request(_protocolTrace, client.Id, request.ToString());
        }
    }

    private void TraceResponse(ClientConnection client, TlibMessage evt)
    {
        if (_protocolTrace.IsEnabled(LogLevel.Trace))
        {
            ProtocolTraceLog.Response(_protocolTrace, client.Id, evt.ToString());
        }
    }

    private void TraceEvent(string? dn, TlibMessage evt, int recipients)
    {
        if (_protocolTrace.IsEnabled(LogLevel.Trace))
        {
            ProtocolTraceLog.Event(_protocolTrace, dn ?? "(all clients)", evt.ToString(), recipients);
        }
    }
}
