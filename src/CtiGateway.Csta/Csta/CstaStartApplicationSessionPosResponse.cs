namespace CtiGateway.Pbx.Csta;

/// <summary>ECMA-354 StartApplicationSessionPosResponse.</summary>
public sealed record CstaStartApplicationSessionPosResponse(string Element, string Namespace) : CstaMessage(Element, Namespace)
{
    /// <summary>sessionID.</summary>
    public required string SessionId { get; init; }

    /// <summary>actualProtocolVersion (a CSTA namespace URI), when sent.</summary>
    public string? ActualProtocolVersion { get; init; }

    /// <summary>actualSessionDuration in seconds, when sent.</summary>
    public int? ActualSessionDuration { get; init; }
}
