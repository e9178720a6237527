using CtiGateway.Protocol;

namespace CtiGateway.Testing.CallModels;

/// <summary>The agent and address-query requests the agent tests send (in memory and over the wire).</summary>
internal static class AgentRequests
{
    /// <summary>RequestQueryAddress for <paramref name="dn"/> with <paramref name="type"/>.</summary>
    public static TlibMessage Query(string dn, AddressInfoType type)
    {
        var m = new TlibMessage(MessageType.RequestQueryAddress) { ThisDN = dn };
        m.Set(AttributeId.AddressInfoType, (int)type);
        return m;
    }

    /// <summary>RequestAgentLogin of <paramref name="agentId"/> at <paramref name="dn"/> into <paramref name="queue"/>.</summary>
    public static TlibMessage Login(string dn, string agentId, string queue, AgentWorkMode? workMode = null)
    {
        var m = Agent(MessageType.RequestAgentLogin, dn, workMode);
        m.Set(AttributeId.AgentID, agentId);
        m.Set(AttributeId.ThisQueue, queue);
        return m;
    }

    /// <summary>An agent request of <paramref name="type"/> at <paramref name="dn"/>, with a work mode when given.</summary>
    public static TlibMessage Agent(MessageType type, string dn, AgentWorkMode? workMode = null)
    {
        var m = new TlibMessage(type) { ThisDN = dn };
        if (workMode is { } mode)
        {
            m.Set(AttributeId.AgentWorkMode, (int)mode);
        }

        return m;
    }
}
