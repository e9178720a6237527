namespace CtiGateway.Pbx.Csta;

/// <summary>
/// ConferenceCallResponse: the conferencing device's connection in the conference (<c>conferenceCall</c>) and,
/// when sent, the <c>connections</c> list of the conference.
/// </summary>
public sealed record CstaConferenceCallResponse(string Element, string Namespace, CstaConnectionId ConferenceCall) : CstaMessage(Element, Namespace)
{
    /// <summary>The <c>connections</c> list, empty when not sent.</summary>
    public IReadOnlyList<CstaConnectionListItem> Connections { get; init; } = [];
}
