namespace CtiGateway.Pbx.Csta;

/// <summary>
/// A positive response that carries nothing the gateway needs (AnswerCallResponse, ClearConnectionResponse,
/// ClearCallResponse, HoldCallResponse, RetrieveCallResponse, DeflectCallResponse, AlternateCallResponse,
/// ReconnectCallResponse, GenerateDigitsResponse, MonitorStopResponse,
/// SetAgentStateResponse, SystemStatusResponse, RequestSystemStatusResponse, SetDoNotDisturbResponse, SetForwardingResponse): <see cref="CstaMessage.Element"/>
/// says which request it answers.
/// </summary>
public sealed record CstaAcknowledgement(string Element, string Namespace) : CstaMessage(Element, Namespace)
{
    /// <summary>The root elements decoded as an acknowledgement.</summary>
    public static readonly IReadOnlySet<string> Elements = new HashSet<string>(StringComparer.Ordinal)
    {
        "AnswerCallResponse", "ClearConnectionResponse", "ClearCallResponse", "HoldCallResponse", "RetrieveCallResponse",
        "DeflectCallResponse", "AlternateCallResponse", "ReconnectCallResponse", "GenerateDigitsResponse", "MonitorStopResponse", "SetAgentStateResponse", "SystemStatusResponse", "RequestSystemStatusResponse",
        "SetDoNotDisturbResponse", "SetForwardingResponse",
    };
}
