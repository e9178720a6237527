using CtiGateway.Pbx.Csta;

namespace CtiGateway.Simulator;

/// <summary>
/// The switch's answer to one CSTA service request: a positive response (root element <c>NameResponse</c> with its
/// content) or a <c>CSTAErrorCode</c> with an ECMA-269 error category and value.
/// </summary>
public sealed record SimServiceResult
{
    private SimServiceResult(string element)
    {
        Element = element;
    }

    /// <summary>The root element of the answer, e.g. "MakeCallResponse" or "CSTAErrorCode".</summary>
    public string Element { get; }

    /// <summary>True for a CSTAErrorCode answer.</summary>
    public bool IsError => ErrorCategory is not null;

    /// <summary>MonitorStartResponse: the new monitorCrossRefID.</summary>
    public string? MonitorCrossRefId { get; private init; }

    /// <summary>MakeCallResponse: the calling device's connection in the new call.</summary>
    public CstaConnectionId? CallingConnection { get; private init; }

    /// <summary>
    /// The connection a call-control response names (initiatedCall, transferredCall, conferenceCall), in the child
    /// element <see cref="ResultConnectionElement"/>.
    /// </summary>
    public CstaConnectionId? ResultConnection { get; private init; }

    /// <summary>The <c>connections</c> list of TransferCallResponse, ConferenceCallResponse and SingleStepTransferCallResponse.</summary>
    public IReadOnlyList<CstaConnectionListItem> Connections { get; private init; } = [];

    /// <summary>The child element that carries <see cref="ResultConnection"/>, e.g. "initiatedCall".</summary>
    public string? ResultConnectionElement { get; private init; }

    /// <summary>SystemRegisterResponse: the sysStatRegisterID.</summary>
    public string? SysStatRegisterId { get; private init; }

    /// <summary>RequestSystemStatusResponse: the systemStatus value.</summary>
    public string? SystemStatus { get; private init; }

    /// <summary>SnapshotDeviceResponse: the calls at the device.</summary>
    public IReadOnlyList<SimSnapshotItem>? Snapshot { get; private init; }

    /// <summary>GetAgentStateResponse: the agents at the device.</summary>
    public IReadOnlyList<SimAgentState>? Agents { get; private init; }

    /// <summary>CSTAErrorCode: the category element (operation, stateIncompatibility, ...).</summary>
    public string? ErrorCategory { get; private init; }

    /// <summary>CSTAErrorCode: the error value (invalidDeviceID, invalidObjectState, ...).</summary>
    public string? ErrorValue { get; private init; }

    /// <summary>CSTAErrorCode: why, in words (for logs and tests; not sent on the wire).</summary>
    public string? Reason { get; private init; }

    /// <summary>A positive response with no content (e.g. "AnswerCallResponse").</summary>
    public static SimServiceResult Ok(string element) => new(element);

    public static SimServiceResult MonitorStarted(string crossRefId) => new("MonitorStartResponse") { MonitorCrossRefId = crossRefId };

    public static SimServiceResult CallMade(CstaConnectionId calling) => new("MakeCallResponse") { CallingConnection = calling };

    /// <summary>A response that names one connection, e.g. ConsultationCallResponse with initiatedCall.</summary>
    public static SimServiceResult WithConnection(string element, string childElement, CstaConnectionId connection, IReadOnlyList<CstaConnectionListItem>? connections = null) =>
        new(element) { ResultConnection = connection, ResultConnectionElement = childElement, Connections = connections ?? [] };

    public static SimServiceResult Registered(string registerId) => new("SystemRegisterResponse") { SysStatRegisterId = registerId };

    public static SimServiceResult StatusReported(string status) => new("RequestSystemStatusResponse") { SystemStatus = status };

    public static SimServiceResult SnapshotTaken(IReadOnlyList<SimSnapshotItem> items) => new("SnapshotDeviceResponse") { Snapshot = items };

    public static SimServiceResult AgentStateReported(IReadOnlyList<SimAgentState> agents) => new("GetAgentStateResponse") { Agents = agents };

    /// <summary>
    /// The answer with every device it names passed through <paramref name="map"/>: the connections of MakeCallResponse,
    /// of the call-control responses and their connections lists, and of SnapshotDeviceResponse (a strict AES names
    /// stations by device id in responses as in events).
    /// </summary>
    public SimServiceResult WithDevices(Func<string, string> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        return this with
        {
            CallingConnection = CallingConnection is { } calling ? Map(calling) : null,
            ResultConnection = ResultConnection is { } result ? Map(result) : null,
            Connections = [.. Connections.Select(c => new CstaConnectionListItem(
                c.NewConnection is { } n ? Map(n) : null, c.OldConnection is { } o ? Map(o) : null, c.Endpoint is null ? null : map(c.Endpoint)))],
            Snapshot = Snapshot is null ? null : [.. Snapshot.Select(i => i with { Connection = Map(i.Connection) })],
        };

        CstaConnectionId Map(CstaConnectionId connection) => connection with { DeviceId = map(connection.DeviceId) };
    }

    /// <summary>A CSTAErrorCode answer.</summary>
    public static SimServiceResult Error(string category, string value, string reason) =>
        new("CSTAErrorCode") { ErrorCategory = category, ErrorValue = value, Reason = reason };
}
