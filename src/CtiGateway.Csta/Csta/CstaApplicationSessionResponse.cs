namespace CtiGateway.Pbx.Csta;

/// <summary>
/// An ECMA-354 application-session answer other than StartApplicationSessionPosResponse:
/// StartApplicationSessionNegResponse, ResetApplicationSessionTimerPosResponse/NegResponse and
/// StopApplicationSessionPosResponse/NegResponse.
/// </summary>
public sealed record CstaApplicationSessionResponse(string Element, string Namespace) : CstaMessage(Element, Namespace)
{
    /// <summary>True for a <c>...PosResponse</c>.</summary>
    public bool IsPositive => Element.EndsWith("PosResponse", StringComparison.Ordinal);

    /// <summary>actualSessionDuration in seconds (ResetApplicationSessionTimerPosResponse), when sent.</summary>
    public int? ActualSessionDuration { get; init; }

    /// <summary>
    /// The error of a negative response as <c>kind: value</c> from <c>errorCode</c> (e.g.
    /// "definedError: invalidSessionID"), or null.
    /// </summary>
    public string? ErrorCode { get; init; }
}
