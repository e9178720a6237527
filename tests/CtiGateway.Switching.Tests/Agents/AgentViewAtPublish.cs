using CtiGateway.CallModel;
using CtiGateway.Protocol;
using CtiGateway.Server;

namespace CtiGateway.Switching.Tests.Agents;

/// <summary>
/// The T-Library server as the switch layer sees it, with a look at the gateway's view of the agents at the very
/// moment each agent event is handed over for the clients (on the switch's loop, before any client can have it):
/// what <see cref="SwitchLinkService.FindAgent"/> (and orchestration's target selection) would read then. Everything
/// else goes to the real server unchanged.
/// </summary>
internal sealed class AgentViewAtPublish(ITlibPublisher server) : ITlibPublisher
{
    private readonly List<(MessageType Event, string AgentId, AgentState? Seen)> _seen = [];

    /// <summary>The service whose view is read; set once it exists (it is built on this publisher).</summary>
    public SwitchLinkService? Service { get; set; }

    /// <summary>Each agent event with the state the gateway's view gave its agent when it was published (null: not logged in).</summary>
    public IReadOnlyList<(MessageType Event, string AgentId, AgentState? Seen)> Seen
    {
        get
        {
            lock (_seen)
            {
                return [.. _seen];
            }
        }
    }

    public Func<string, KeyValueList?>? LinkDetails
    {
        get => server.LinkDetails;
        set => server.LinkDetails = value;
    }

    public ITlibRequestHandler? RequestHandler
    {
        get => server.RequestHandler;
        set => server.RequestHandler = value;
    }

    public long Publish(TlibMessage evt, string? dn)
    {
        ArgumentNullException.ThrowIfNull(evt);
        if (evt.Type is MessageType.EventAgentLogin or MessageType.EventAgentLogout or MessageType.EventAgentReady or MessageType.EventAgentNotReady
            && evt.GetString(AttributeId.AgentID) is { } agentId && Service is { } service)
        {
            var seen = service.FindAgent(agentId).Agent?.State;
            lock (_seen)
            {
                _seen.Add((evt.Type, agentId, seen));
            }
        }

        return server.Publish(evt, dn);
    }

    public bool HasRegistrations(string dn) => server.HasRegistrations(dn);

    public void SetLinkState(string switchName, bool connected, string? reason = null) => server.SetLinkState(switchName, connected, reason);

    public void PublishHardwareError(TlibHardwareError error) => server.PublishHardwareError(error);
}
