using Microsoft.Extensions.Logging;

namespace CtiGateway.Switching;

/// <summary>Log lines of agent state: the switch's word after a reconnect, reservations (event ids 4700-4709).</summary>
internal static partial class SwitchingLog
{
    [LoggerMessage(EventId = 4700, Level = LogLevel.Information, Message = "Switch {Switch}: GetAgentState of {Devices} agent DNs on link {Link}: {Answered} answered, {Disagreements} disagreed with the gateway (the switch's state taken)")]
    public static partial void AgentStateChecked(ILogger logger, string @switch, string link, int devices, int answered, int disagreements);

    [LoggerMessage(EventId = 4701, Level = LogLevel.Warning, Message = "Switch {Switch} link {Link}: agent state at DN {Dn} disagrees with the switch: {Detail}; the switch's state is taken (EventHardwareError)")]
    public static partial void AgentStateDisagrees(ILogger logger, string @switch, string link, string dn, string detail);

    [LoggerMessage(EventId = 4702, Level = LogLevel.Warning, Message = "Switch {Switch}: GetAgentState {Dn} on link {Link} answered {Answer}, not GetAgentStateResponse; the gateway keeps its view of that agent")]
    public static partial void AgentStateRefused(ILogger logger, string @switch, string link, string dn, string answer);

    [LoggerMessage(EventId = 4703, Level = LogLevel.Information, Message = "Switch {Switch}: agent {AgentId} at DN {Dn} reserved for {TimeoutMs} ms by client {ClientId}")]
    public static partial void AgentReserved(ILogger logger, string @switch, string agentId, string dn, int timeoutMs, int clientId);

    [LoggerMessage(EventId = 4704, Level = LogLevel.Debug, Message = "Switch {Switch}: agent event {Element} for device {Device} does not name a DN of the switch; ignored")]
    public static partial void AgentEventIgnored(ILogger logger, string @switch, string element, string device);
}
