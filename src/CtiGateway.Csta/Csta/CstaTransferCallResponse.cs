namespace CtiGateway.Pbx.Csta;

/// <summary>
/// TransferCallResponse or SingleStepTransferCallResponse: the connection that names the resulting call
/// (<c>transferredCall</c>) and, when sent, the <c>connections</c> list of the resulting call.
/// </summary>
public sealed record CstaTransferCallResponse(string Element, string Namespace, CstaConnectionId TransferredCall) : CstaMessage(Element, Namespace)
{
    /// <summary>The <c>connections</c> list, empty when not sent.</summary>
    public IReadOnlyList<CstaConnectionListItem> Connections { get; init; } = [];
}
