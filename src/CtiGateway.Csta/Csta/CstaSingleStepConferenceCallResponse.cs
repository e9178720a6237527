namespace CtiGateway.Pbx.Csta;

/// <summary>
/// SingleStepConferenceCallResponse: the joining device's connection in the conference (<c>conferencedCall</c>; the
/// callID is that of the call the device joined) and, when sent, the <c>connections</c> list of the conference.
/// </summary>
public sealed record CstaSingleStepConferenceCallResponse(string Element, string Namespace, CstaConnectionId ConferencedCall) : CstaMessage(Element, Namespace)
{
    /// <summary>The <c>connections</c> list, empty when not sent.</summary>
    public IReadOnlyList<CstaConnectionListItem> Connections { get; init; } = [];
}
